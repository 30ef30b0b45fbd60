package org.loyaltygraph.points;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loyaltygraph.customer.CustomerService;
import org.loyaltygraph.graphql.ContentHash;
import org.loyaltygraph.graphql.UserError;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Carries a customer's balance over from the shop's previous loyalty system: each lot keeps its
 * expiry, the qualifying amount counts for the tier window, and it happens once per customer.
 */
@Service
public class OpeningBalanceService {

  private static final long MAX_POINTS = 1_000_000_000L;

  private final PointsLedger ledger;
  private final OpeningBalanceRepository openings;
  private final CustomerService customers;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  OpeningBalanceService(
      PointsLedger ledger,
      OpeningBalanceRepository openings,
      CustomerService customers,
      ApplicationEventPublisher events,
      Clock clock) {
    this.ledger = ledger;
    this.openings = openings;
    this.customers = customers;
    this.events = events;
    this.clock = clock;
  }

  /** Points that expire together; {@code expiresAt} null for never. */
  public record Lot(long points, Instant expiresAt) {}

  /** The balance after the import, or why it was refused (then nothing was written). */
  public record ImportResult(Long available, List<UserError> userErrors) {}

  /** True when this customer (or the survivor it was merged into) has its opening balance. */
  public boolean imported(String customerId) {
    return customers.resolveExisting(customerId).flatMap(openings::contentHash).isPresent();
  }

  @Transactional
  public ImportResult importBalance(String customerId, List<Lot> lots, long qualifyingAmount) {
    return importBalance(customerId, lots, qualifyingAmount, true);
  }

  /**
   * As {@link #importBalance(String, List, long)}; {@code webhooks} false keeps a tier change it
   * causes out of the outbox (a bulk import that did not ask for events).
   */
  @Transactional
  public ImportResult importBalance(
      String customerId, List<Lot> lots, long qualifyingAmount, boolean webhooks) {
    List<UserError> errors = validate(lots, qualifyingAmount);
    if (!errors.isEmpty()) {
      return new ImportResult(null, errors);
    }
    // the stored id (as the database compares ids), or the survivor of a merge
    Optional<String> known = customers.resolveExisting(customerId);
    if (known.isEmpty()) {
      return new ImportResult(
          null,
          List.of(
              UserError.of("UNKNOWN_CUSTOMER", "No customer has this id.", "input", "customerId")));
    }
    String id = known.get();
    String hash = hash(lots, qualifyingAmount);
    long available = ledger.lockAndSettle(id);
    Optional<String> earlier = openings.contentHash(id);
    if (earlier.isPresent()) {
      return earlier.get().equals(hash)
          ? new ImportResult(available, List.of())
          : new ImportResult(
              null,
              List.of(
                  UserError.of(
                      "IDEMPOTENCY_KEY_REUSED",
                      "This customer's opening balance was imported with other content; nothing was changed.",
                      "input",
                      "customerId")));
    }
    long total = 0;
    for (int i = 0; i < lots.size(); i++) {
      ledger.carryOver(id, id + ":" + i, lots.get(i).points(), lots.get(i).expiresAt());
      total += lots.get(i).points();
    }
    Instant now = clock.instant();
    openings.insert(id, hash, total, qualifyingAmount, now);
    if (qualifyingAmount > 0) {
      events.publishEvent(new OpeningBalanceImported(id, qualifyingAmount, now, webhooks));
    }
    return new ImportResult(ledger.lockAndSettle(id), List.of());
  }

  private List<UserError> validate(List<Lot> lots, long qualifyingAmount) {
    List<UserError> errors = new ArrayList<>();
    if (lots == null || lots.isEmpty() || lots.size() > 100) {
      errors.add(UserError.of("INVALID", "Give 1 to 100 lots.", "input", "lots"));
      return errors;
    }
    Instant now = clock.instant();
    for (int i = 0; i < lots.size(); i++) {
      Lot lot = lots.get(i);
      if (lot.points() < 1 || lot.points() > MAX_POINTS) {
        errors.add(
            UserError.of(
                "INVALID",
                "A lot holds 1 to 1,000,000,000 points.",
                "input",
                "lots",
                Integer.toString(i),
                "points"));
      }
      if (lot.expiresAt() != null && !lot.expiresAt().isAfter(now)) {
        errors.add(
            UserError.of(
                "INVALID",
                "A lot that has expired already is not carried over.",
                "input",
                "lots",
                Integer.toString(i),
                "expiresAt"));
      }
    }
    if (qualifyingAmount < 0) {
      errors.add(
          UserError.of(
              "INVALID", "qualifyingAmount is not negative.", "input", "qualifyingAmount"));
    }
    return errors;
  }

  private static String hash(List<Lot> lots, long qualifyingAmount) {
    StringBuilder text = new StringBuilder().append(qualifyingAmount);
    for (Lot lot : lots) {
      text.append('\n').append(lot.points()).append('|').append(lot.expiresAt());
    }
    return ContentHash.of(text.toString());
  }
}
