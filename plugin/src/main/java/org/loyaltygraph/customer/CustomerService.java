package org.loyaltygraph.customer;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loyaltygraph.graphql.StorefrontUpdatedAt;
import org.loyaltygraph.graphql.UserError;
import org.loyaltygraph.system.CommitEvictedCache;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Customers as the storefront knows them. Other features reach customers through this class. */
@Service
public class CustomerService {

  static final int MAX_ID_LENGTH = 64;

  private final CustomerRepository customers;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  // known id -> the id that answers for it; only known ids (a new one may arrive any moment)
  private final CommitEvictedCache<String> answering =
      new CommitEvictedCache<>(Duration.ofSeconds(5), 200_000);

  CustomerService(CustomerRepository customers, Clock clock, ApplicationEventPublisher events) {
    this.customers = customers;
    this.clock = clock;
    this.events = events;
  }

  /** The customer, or the survivor it was merged into. */
  public Optional<Customer> find(String id) {
    return resolveExisting(id).flatMap(customers::findById);
  }

  /**
   * The id that answers for a known customer (itself as stored, or the survivor it was merged
   * into); empty for an id never sent. The database finds an id with trailing spaces added, and
   * this answers the stored spelling, so every spelling of one customer resolves alike. One read in
   * the usual, unmerged case: the order path's only customer look-up.
   */
  public Optional<String> resolveExisting(String id) {
    if (id == null) {
      return Optional.empty();
    }
    return customers
        .known(id)
        .map(known -> known.mergedInto() == null ? known.id() : resolve(known.mergedInto()));
  }

  /**
   * {@link #resolveExisting} for reads, from a short-lived cache of known ids: the storefront's
   * {@code customer(id)} and existence checks. A customer is never deleted, so a cached id always
   * exists; a merge evicts what answered for the merged id once it commits. The cache is keyed by
   * the caller's spelling but holds the stored id, so a merge evicts "c-1 " with "c-1".
   */
  public Optional<String> lookUp(String id) {
    if (id == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        answering
            .getAll(
                List.of(id),
                answeringId -> true,
                ids ->
                    resolveExisting(id)
                        .map(answeringId -> Map.of(id, answeringId))
                        .orElse(Map.of()))
            .get(id));
  }

  /**
   * {@link #resolveExisting} of several ids, keyed by the ids as given: one read in the usual,
   * unmerged case. Unknown ids are absent from the answer.
   */
  public Map<String, String> resolveExistingAll(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    // keyed as the database compares ids (trailing spaces ignored), answered under the caller's
    // spelling: "c-1 " finds c-1 here as it does in every read
    Map<String, String> byComparedId = new HashMap<>();
    customers
        .mergedIntoOrSelfAll(ids)
        .forEach(
            (id, mergedInto) ->
                byComparedId.put(
                    withoutTrailingSpaces(id), mergedInto.isEmpty() ? id : resolve(mergedInto)));
    Map<String, String> resolved = new HashMap<>();
    for (String id : ids) {
      String answer = byComparedId.get(withoutTrailingSpaces(id));
      if (answer != null) {
        resolved.put(id, answer);
      }
    }
    return resolved;
  }

  /** The id as the database's PAD SPACE collation compares it: trailing spaces (only) ignored. */
  private static String withoutTrailingSpaces(String id) {
    int end = id.length();
    while (end > 0 && id.charAt(end - 1) == ' ') {
      end--;
    }
    return end == id.length() ? id : id.substring(0, end);
  }

  /**
   * The id that answers for a stored {@code id}: itself, or the survivor it was merged into
   * (following a chain of merges). Callers outside start from {@link #resolveExisting}, which also
   * answers the stored spelling of the id they were sent.
   */
  private String resolve(String id) {
    String current = id;
    for (int hop = 0; hop < 10; hop++) {
      Optional<String> next = customers.mergedInto(current);
      if (next.isEmpty()) {
        return current;
      }
      current = next.get();
    }
    return current;
  }

  /**
   * Merges one customer into another, once: every feature moves what it holds of the merged
   * customer to the survivor in this transaction (through {@link CustomersMerged}). A replay
   * answers the survivor and changes nothing.
   */
  @Transactional
  public CustomerResult merge(String survivorId, String mergedId) {
    if (survivorId == null || mergedId == null || survivorId.equals(mergedId)) {
      return CustomerResult.refused(
          List.of(
              UserError.of("INVALID", "Give two different customer ids.", "input", "mergedId")));
    }
    java.util.Map<String, String> rows = customers.lockForMerge(survivorId, mergedId);
    if (!rows.containsKey(survivorId)) {
      return CustomerResult.refused(
          List.of(UserError.of("NOT_FOUND", "No customer has this id.", "input", "survivorId")));
    }
    if (!rows.containsKey(mergedId)) {
      return CustomerResult.refused(
          List.of(UserError.of("NOT_FOUND", "No customer has this id.", "input", "mergedId")));
    }
    if (survivorId.equals(rows.get(mergedId))) {
      return CustomerResult.unchanged(customers.findById(survivorId).orElseThrow());
    }
    if (!rows.get(mergedId).isEmpty() || !rows.get(survivorId).isEmpty()) {
      return CustomerResult.refused(
          List.of(
              UserError.of(
                  "ALREADY_MERGED",
                  "One of these customers was merged into another one already.",
                  "input",
                  rows.get(mergedId).isEmpty() ? "survivorId" : "mergedId")));
    }
    Instant now = clock.instant();
    customers.markMerged(mergedId, survivorId, now);
    // every spelling of the merged id ("c-1 " too) answers with the stored one, locked here
    answering.evictAfterCommit(
        (id, answeringId) -> id.equals(mergedId) || answeringId.equals(mergedId));
    events.publishEvent(new CustomersMerged(survivorId, mergedId, now));
    return CustomerResult.ok(customers.findById(survivorId).orElseThrow());
  }

  public List<Customer> findAll(Collection<String> ids) {
    return customers.findAllById(ids);
  }

  public boolean exists(String id) {
    return lookUp(id).isPresent();
  }

  /**
   * Stores the storefront's current profile of a customer. A profile changes over a customer's
   * life, so other content under a known id is an update, not a refusal; the same profile again is
   * a replay: it writes nothing and answers the stored customer as it was. An update carrying the
   * storefront's {@code updatedAt} that is older than the stored one arrived out of order: it
   * writes nothing and answers the stored customer as {@link CustomerResult.Write#STALE}. The
   * decision is taken under the customer's row lock, so concurrent upserts of one id leave the
   * newest stored whatever order they run in.
   */
  @Transactional
  public CustomerResult upsert(CustomerUpsert input) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    List<UserError> errors = validate(input, now);
    if (!errors.isEmpty()) {
      return CustomerResult.refused(errors);
    }
    String zone = input.timeZone() == null ? "UTC" : ZoneId.of(input.timeZone()).getId();
    Customer sent =
        new Customer(
            input.id().trim(),
            blankToNull(input.email()),
            blankToNull(input.firstName()),
            blankToNull(input.lastName()),
            zone,
            now,
            now,
            StorefrontUpdatedAt.of(input.updatedAt()));
    // without a lock first: a stored time only moves forward, so a stale update or a replay seen
    // here is one for good, and both write nothing
    Optional<Customer> seen = customers.findById(sent.id());
    if (seen.isPresent()) {
      if (seen.get().newerThan(sent)) {
        return CustomerResult.stale(seen.get());
      }
      if (seen.get().updatedBy(sent, now).equals(seen.get())) {
        return CustomerResult.unchanged(seen.get());
      }
    }
    customers.insertOrLock(sent);
    Customer stored = customers.findForUpdate(sent.id()).orElseThrow();
    if (stored.newerThan(sent)) {
      return CustomerResult.stale(stored);
    }
    Customer updated = stored.updatedBy(sent, now);
    if (updated.equals(stored)) {
      // nothing left to write: this call inserted it, or it was a replay after all
      return seen.isEmpty() ? CustomerResult.ok(stored) : CustomerResult.unchanged(stored);
    }
    customers.update(updated);
    return CustomerResult.ok(updated);
  }

  private static List<UserError> validate(CustomerUpsert input, Instant now) {
    List<UserError> errors = new ArrayList<>();
    if (input.id() == null || input.id().isBlank()) {
      errors.add(UserError.of("REQUIRED", "The customer id is required.", "input", "id"));
    } else if (input.id().trim().length() > MAX_ID_LENGTH) {
      errors.add(
          UserError.of("INVALID", "The customer id holds at most 64 characters.", "input", "id"));
    }
    if (input.email() != null
        && !input.email().isBlank()
        && (!input.email().contains("@") || input.email().trim().length() > 320)) {
      errors.add(
          UserError.of(
              "INVALID", "The e-mail address is malformed or longer than 320.", "input", "email"));
    }
    if (input.firstName() != null && input.firstName().trim().length() > 200) {
      errors.add(
          UserError.of("INVALID", "firstName has at most 200 characters.", "input", "firstName"));
    }
    if (input.lastName() != null && input.lastName().trim().length() > 200) {
      errors.add(
          UserError.of("INVALID", "lastName has at most 200 characters.", "input", "lastName"));
    }
    if (input.timeZone() != null) {
      try {
        ZoneId.of(input.timeZone());
      } catch (DateTimeException e) {
        errors.add(
            UserError.of(
                "INVALID_TIME_ZONE",
                "The time zone must be an IANA zone id such as Europe/Paris.",
                "input",
                "timeZone"));
      }
    }
    StorefrontUpdatedAt.check(input.updatedAt(), now, "input", "updatedAt").ifPresent(errors::add);
    return errors;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
