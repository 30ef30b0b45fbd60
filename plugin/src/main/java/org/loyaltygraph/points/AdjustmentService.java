package org.loyaltygraph.points;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loyaltygraph.customer.CustomerService;
import org.loyaltygraph.graphql.UserError;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Admins add or remove points by hand, with a reason that stays on the ledger. */
@Service
public class AdjustmentService {

  static final long MAX_ADJUSTMENT = 100_000_000L;

  private final PointsLedger ledger;
  private final AdjustmentRepository adjustments;
  private final EarningRulesService rules;
  private final CustomerService customers;
  private final Clock clock;

  AdjustmentService(
      PointsLedger ledger,
      AdjustmentRepository adjustments,
      EarningRulesService rules,
      CustomerService customers,
      Clock clock) {
    this.ledger = ledger;
    this.adjustments = adjustments;
    this.rules = rules;
    this.customers = customers;
    this.clock = clock;
  }

  /** The balance after the adjustment, or why it was refused (then nothing changed). */
  public record AdjustResult(Long available, List<UserError> userErrors) {}

  @Transactional
  public AdjustResult adjust(
      String customerId, long points, String reason, String idempotencyKey, String actor) {
    List<UserError> errors = new ArrayList<>();
    if (points == 0 || Math.abs(points) > MAX_ADJUSTMENT) {
      errors.add(
          UserError.of(
              "INVALID",
              "points is non-zero and at most 100,000,000 either way.",
              "input",
              "points"));
    }
    if (reason == null || reason.isBlank()) {
      errors.add(
          UserError.of(
              "REQUIRED", "A reason of 1 to 500 characters is required.", "input", "reason"));
    } else if (reason.length() > 500) {
      errors.add(
          UserError.of("INVALID", "The reason is at most 500 characters.", "input", "reason"));
    }
    if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 128) {
      errors.add(
          UserError.of(
              "REQUIRED",
              "An idempotency key of 1 to 128 characters is required.",
              "input",
              "idempotencyKey"));
    }
    if (!errors.isEmpty()) {
      return new AdjustResult(null, errors);
    }
    // the stored id (as the database compares ids), or the survivor of a merge
    Optional<String> known = customers.resolveExisting(customerId);
    if (known.isEmpty()) {
      return new AdjustResult(
          null,
          List.of(
              UserError.of("UNKNOWN_CUSTOMER", "No customer has this id.", "input", "customerId")));
    }
    customerId = known.get();
    long available = ledger.lockAndSettle(customerId);
    Optional<AdjustmentRepository.Adjustment> earlier =
        adjustments.find(customerId, idempotencyKey);
    if (earlier.isPresent()) {
      if (earlier.get().points() != points || !earlier.get().reason().equals(reason.trim())) {
        return new AdjustResult(
            null,
            List.of(
                UserError.of(
                    "IDEMPOTENCY_KEY_REUSED",
                    "This key was used for another adjustment; nothing was changed.",
                    "input",
                    "idempotencyKey")));
      }
      // the first result: the balance that adjustment left
      Long left = earlier.get().availableAfter();
      return new AdjustResult(left != null ? left : available, List.of());
    }
    if (points < 0 && available < -points) {
      return new AdjustResult(
          null,
          List.of(
              UserError.of(
                  "INSUFFICIENT_POINTS",
                  "The balance of " + available + " points cannot lose " + (-points) + ".",
                  "input",
                  "points")));
    }
    String sourceId = customerId + ":" + idempotencyKey;
    if (points > 0) {
      ledger.grant(
          customerId, points, "ADJUST", sourceId, "adjustment", reason.trim(), rules.current());
    } else {
      ledger.spend(
          customerId, -points, PointsEntryType.ADJUST, "adjustment", sourceId, reason.trim());
    }
    adjustments.insert(
        customerId,
        idempotencyKey,
        points,
        reason.trim(),
        actor,
        available + points,
        clock.instant());
    return new AdjustResult(available + points, List.of());
  }
}
