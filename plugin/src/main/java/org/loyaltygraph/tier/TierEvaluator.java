package org.loyaltygraph.tier;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies {@link TierRules} to stored customers: on each order and refund, for customers whose
 * window rolls or grace ends, and after program changes. Every evaluation holds the customer's
 * state row lock, so two never interleave for one customer.
 */
@Component
class TierEvaluator {

  private final TierStateRepository states;
  private final TierActivityRepository activity;
  private final TierChangeRepository changes;
  private final TierCatalog catalog;
  private final ApplicationEventPublisher events;
  private final StandingCache standings;
  private final Clock clock;

  TierEvaluator(
      TierStateRepository states,
      TierActivityRepository activity,
      TierChangeRepository changes,
      TierCatalog catalog,
      ApplicationEventPublisher events,
      StandingCache standings,
      Clock clock) {
    this.states = states;
    this.activity = activity;
    this.changes = changes;
    this.catalog = catalog;
    this.events = events;
    this.standings = standings;
    this.clock = clock;
  }

  /**
   * Appends one order or refund and evaluates its customer; a source already recorded changes
   * nothing. Joins the caller's transaction (the order's), so both commit or neither does. {@code
   * webhooks} false: a tier change this causes is published for the outbox to skip.
   */
  @Transactional
  public void record(
      String customerId,
      String sourceId,
      Instant occurredAt,
      long spendDelta,
      long pointsDelta,
      TierRules.Trigger trigger,
      boolean webhooks) {
    Instant now = now();
    Instant at = micros(occurredAt);
    TierState state = states.lockOrCreate(customerId, now);
    // under the customer's lock, so a concurrent replay of the same source waits here
    if (!activity.recordIfNew(customerId, sourceId, at, spendDelta, pointsDelta, now)) {
      return;
    }
    TierConfiguration config = catalog.current();
    QualifyingWindow window =
        state
            .windowWith(List.of(new QualifyingActivity(at, spendDelta, pointsDelta)), config, now)
            .orElseGet(() -> readWindow(customerId, config, now));
    TierState evaluated = evaluated(state, config, now, trigger, null, window, webhooks);
    // the row just appended is stored too: the read finds it if it is stamped after the window
    states.save(dueForStoredLaterActivity(evaluated, config, now));
    standings.evictAfterCommit(List.of(customerId));
  }

  /**
   * The state, due at the end of the window when activity was stamped at or after it (a calendar
   * year's: an order placed on New Year's night by a storefront whose clock is ahead of ours). That
   * activity counts from the window's end on, even when nothing in the window rolls out then.
   */
  private static TierState dueForLaterActivity(
      TierState state, List<QualifyingActivity> added, TierConfiguration config, Instant now) {
    Instant end = config.program().windowEnd(now);
    if (end == null || added.stream().allMatch(a -> a.occurredAt().isBefore(end))) {
      return state;
    }
    return state.dueBy(end);
  }

  /**
   * {@link #dueForLaterActivity} for activity stored before: an evaluation that finds nothing to do
   * at the window's end (a refund or the job, in the old year) must not drop the due time an order
   * stamped in the next year set. One indexed read, only for a calendar-year program and a state
   * not already due by the year's end.
   */
  private TierState dueForStoredLaterActivity(
      TierState state, TierConfiguration config, Instant now) {
    Instant end = config.program().windowEnd(now);
    if (end == null
        || (state.nextEvaluationAt() != null && !state.nextEvaluationAt().isAfter(end))) {
      return state;
    }
    return activity.anyFrom(state.customerId(), end) ? state.dueBy(end) : state;
  }

  /**
   * {@link #record} for new sources of several customers (orders written together): the customers'
   * rows are locked in one statement and appended to in one, and each customer is evaluated once
   * with all of its new rows. Joins the caller's transaction.
   */
  @Transactional
  public void recordAll(
      List<TierActivityRepository.NewActivity> rows, TierRules.Trigger trigger, boolean webhooks) {
    if (rows.isEmpty()) {
      return;
    }
    Instant now = now();
    rows =
        rows.stream()
            .map(
                r ->
                    new TierActivityRepository.NewActivity(
                        r.customerId(),
                        r.sourceId(),
                        micros(r.occurredAt()),
                        r.spendDelta(),
                        r.pointsDelta()))
            .toList();
    Map<String, List<QualifyingActivity>> added = new TreeMap<>();
    for (TierActivityRepository.NewActivity r : rows) {
      added
          .computeIfAbsent(r.customerId(), id -> new ArrayList<>())
          .add(new QualifyingActivity(r.occurredAt(), r.spendDelta(), r.pointsDelta()));
    }
    Map<String, TierState> locked = states.lockOrCreateAll(added.keySet(), now);
    activity.insertAll(rows, now);
    TierConfiguration config = catalog.current();
    // the stored windows plus the new rows; only customers whose window rolled are read
    Map<String, QualifyingWindow> windows = new HashMap<>();
    List<String> unknown = new ArrayList<>();
    added.forEach(
        (customerId, activities) ->
            locked
                .get(customerId)
                .windowWith(activities, config, now)
                .ifPresentOrElse(w -> windows.put(customerId, w), () -> unknown.add(customerId)));
    windows.putAll(activity.lockWindows(unknown, config.program(), now));
    List<TierState> evaluated = new ArrayList<>();
    for (String customerId : added.keySet()) {
      evaluated.add(
          dueForLaterActivity(
              evaluated(
                  locked.get(customerId),
                  config,
                  now,
                  trigger,
                  null,
                  windows.getOrDefault(customerId, QualifyingWindow.EMPTY),
                  webhooks),
              added.get(customerId),
              config,
              now));
    }
    states.saveAll(evaluated);
    standings.evictAfterCommit(added.keySet());
  }

  /**
   * Moves activity of a merged customer to the survivor and evaluates the survivor, with its whole
   * window read (the moved rows are not in its stored one).
   */
  @Transactional
  public void merge(String survivorId, String mergedId) {
    Instant now = now();
    TierState survivor = states.lockOrCreate(survivorId, now);
    int moved = activity.reassign(mergedId, survivorId);
    states.delete(mergedId);
    standings.evictAfterCommit(List.of(survivorId, mergedId));
    // a zero-valued activity marks the merge; a replay that moved nothing changes nothing
    boolean marked = activity.recordIfNew(survivorId, "merge:" + mergedId, now, 0, 0, now);
    if (marked || moved > 0) {
      TierConfiguration config = catalog.current();
      QualifyingWindow window = readWindow(survivorId, config, now);
      evaluate(survivor, window, config, now, TierRules.Trigger.MERGE, null, true);
    }
  }

  /**
   * Evaluates up to {@code limit} customers that are due: first those evaluated under older rules,
   * then those whose window rolls or whose grace ends by now. Rows leased by another instance are
   * skipped. Answers how many were evaluated.
   */
  @Transactional(isolation = Isolation.READ_COMMITTED)
  public int evaluateDue(int limit) {
    // READ COMMITTED: rows the lease queries scan but do not take are unlocked at once, so
    // instances running side by side do not skip work that nobody took
    Instant now = now();
    TierConfiguration config = catalog.fresh();
    List<TierState> stale = states.leaseStale(config.rulesVersion(), limit);
    Set<String> taken = new HashSet<>();
    for (TierState state : stale) {
      taken.add(state.customerId());
      evaluate(
          state,
          committedWindow(state, config, now),
          config,
          now,
          TierRules.Trigger.PROGRAM_CHANGE,
          null,
          true);
    }
    int evaluated = stale.size();
    if (evaluated < limit) {
      for (TierState state : states.leaseDue(now, limit - evaluated)) {
        if (taken.add(state.customerId())) {
          evaluate(
              state,
              committedWindow(state, config, now),
              config,
              now,
              TierRules.Trigger.WINDOW,
              null,
              true);
          evaluated++;
        }
      }
    }
    return evaluated;
  }

  /** Moves the holders of a tier being deleted, inside the deleting transaction. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void reevaluateHolders(Tier deleted, TierConfiguration configWithout) {
    Instant now = now();
    for (TierState holder : states.lockHolders(deleted.id())) {
      QualifyingWindow window = readWindow(holder.customerId(), configWithout, now);
      evaluate(holder, window, configWithout, now, TierRules.Trigger.PROGRAM_CHANGE, deleted, true);
    }
  }

  /** Evaluates a customer whose state row this transaction holds locked, with its window. */
  private void evaluate(
      TierState state,
      QualifyingWindow window,
      TierConfiguration config,
      Instant now,
      TierRules.Trigger trigger,
      Tier deleted,
      boolean webhooks) {
    states.save(
        dueForStoredLaterActivity(
            evaluated(state, config, now, trigger, deleted, window, webhooks), config, now));
    standings.evictAfterCommit(List.of(state.customerId()));
  }

  /** The window, read with a lock so that it is current at any isolation level. */
  private QualifyingWindow readWindow(String customerId, TierConfiguration config, Instant now) {
    return activity
        .lockWindows(List.of(customerId), config.program(), now)
        .getOrDefault(customerId, QualifyingWindow.EMPTY);
  }

  /** The window of a leased customer, for {@link #evaluateDue} (READ COMMITTED). */
  private QualifyingWindow committedWindow(
      TierState leased, TierConfiguration config, Instant now) {
    return activity
        .committedWindows(List.of(leased.customerId()), config.program(), now)
        .getOrDefault(leased.customerId(), QualifyingWindow.EMPTY);
  }

  /**
   * Applies the rules to a customer whose state row this transaction holds locked and whose window
   * is given; records a change of tier. Answers the new state, for the caller to save.
   */
  private TierState evaluated(
      TierState state,
      TierConfiguration config,
      Instant now,
      TierRules.Trigger trigger,
      Tier deleted,
      QualifyingWindow window,
      boolean webhooks) {
    String customerId = state.customerId();
    Tier held = null;
    boolean vanished = false;
    if (state.tierId() != null) {
      held = config.tier(state.tierId()).orElse(null);
      if (held == null) {
        vanished = true;
        held = deleted != null ? deleted : lastKnown(customerId, state.tierId());
      }
    }
    TierRules.Outcome outcome =
        TierRules.evaluate(config, held, vanished, state.graceEndsAt(), window, now, trigger);
    Tier tier = outcome.tier();
    if (outcome.changeReason() != null) {
      changes.insert(
          customerId, held, tier, now, outcome.changeReason(), outcome.qualifyingAmount());
      events.publishEvent(
          new TierChanged(
              customerId,
              held == null ? null : held.id(),
              tier == null ? null : tier.id(),
              outcome.changeReason(),
              now,
              webhooks));
    }
    return new TierState(
        customerId,
        tier == null ? null : tier.id(),
        outcome.qualifyingAmount(),
        outcome.graceEndsAt(),
        outcome.nextEvaluationAt(),
        config.rulesVersion(),
        now,
        window.rollsAt(),
        true);
  }

  /** The held tier as the history last recorded it, for a tier deleted since. */
  private Tier lastKnown(String customerId, String tierId) {
    return changes
        .lastReached(customerId)
        .filter(t -> t.id().equals(tierId))
        .orElse(new Tier(tierId, tierId, 0, BigDecimal.ONE, false, List.of()));
  }

  /**
   * Times in whole microseconds, so that no finer instant is rounded on its way to the database.
   * The driver sends whole seconds (sendFractionalSeconds=false, application.properties), so a
   * stored time read back is never later than the one compared in memory.
   */
  private Instant now() {
    return micros(clock.instant());
  }

  private static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }
}
