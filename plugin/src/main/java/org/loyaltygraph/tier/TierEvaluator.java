package org.loyaltygraph.tier;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
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
  private final Clock clock;

  TierEvaluator(
      TierStateRepository states,
      TierActivityRepository activity,
      TierChangeRepository changes,
      TierCatalog catalog,
      ApplicationEventPublisher events,
      Clock clock) {
    this.states = states;
    this.activity = activity;
    this.changes = changes;
    this.catalog = catalog;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Appends one order or refund and evaluates its customer; a source already recorded changes
   * nothing. Joins the caller's transaction (the order's), so both commit or neither does.
   */
  @Transactional
  public void record(
      String customerId,
      String sourceId,
      Instant occurredAt,
      long spendDelta,
      long pointsDelta,
      TierRules.Trigger trigger) {
    Instant now = clock.instant();
    states.createIfAbsent(customerId, now);
    TierState state = states.lock(customerId).orElseThrow();
    // checked under the customer's lock, so a concurrent replay of the same source waits here
    if (activity.exists(sourceId)) {
      return;
    }
    activity.insert(customerId, sourceId, occurredAt, spendDelta, pointsDelta, now);
    evaluate(state, catalog.current(), now, trigger, null);
  }

  /**
   * Evaluates up to {@code limit} customers that are due: first those evaluated under older rules,
   * then those whose window rolls or whose grace ends by now. Rows leased by another instance are
   * skipped. Answers how many were evaluated.
   */
  @Transactional
  public int evaluateDue(int limit) {
    Instant now = clock.instant();
    TierConfiguration config = catalog.fresh();
    Set<String> stale = new LinkedHashSet<>(states.leaseStale(config.rulesVersion(), limit));
    List<String> due = new ArrayList<>();
    if (stale.size() < limit) {
      for (String id : states.leaseDue(now, limit - stale.size())) {
        if (!stale.contains(id)) {
          due.add(id);
        }
      }
    }
    List<String> leasedIds = new ArrayList<>(stale);
    leasedIds.addAll(due);
    Map<String, TierState> leased = states.findAll(leasedIds);
    for (String id : stale) {
      evaluate(leased.get(id), config, now, TierRules.Trigger.PROGRAM_CHANGE, null);
    }
    for (String id : due) {
      evaluate(leased.get(id), config, now, TierRules.Trigger.WINDOW, null);
    }
    return stale.size() + due.size();
  }

  /** Moves the holders of a tier being deleted, inside the deleting transaction. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void reevaluateHolders(Tier deleted, TierConfiguration configWithout) {
    Instant now = clock.instant();
    List<String> holders = states.lockHolders(deleted.id());
    Map<String, TierState> locked = states.findAll(holders);
    for (String id : holders) {
      evaluate(locked.get(id), configWithout, now, TierRules.Trigger.PROGRAM_CHANGE, deleted);
    }
  }

  private void evaluate(
      TierState state,
      TierConfiguration config,
      Instant now,
      TierRules.Trigger trigger,
      Tier deleted) {
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
    TierProgram program = config.program();
    List<QualifyingActivity> window =
        activity.inWindow(customerId, program.windowStart(now), program.windowEnd(now));
    TierRules.Outcome outcome =
        TierRules.evaluate(config, held, vanished, state.graceEndsAt(), window, now, trigger);
    Tier tier = outcome.tier();
    states.save(
        new TierState(
            customerId,
            tier == null ? null : tier.id(),
            outcome.qualifyingAmount(),
            outcome.graceEndsAt(),
            outcome.nextEvaluationAt(),
            config.rulesVersion()),
        now);
    if (outcome.changeReason() != null) {
      changes.insert(
          customerId, held, tier, now, outcome.changeReason(), outcome.qualifyingAmount());
      events.publishEvent(
          new TierChanged(
              customerId,
              held == null ? null : held.id(),
              tier == null ? null : tier.id(),
              outcome.changeReason(),
              now));
    }
  }

  /** The held tier as the history last recorded it, for a tier deleted since. */
  private Tier lastKnown(String customerId, String tierId) {
    return changes
        .lastReached(customerId)
        .filter(t -> t.id().equals(tierId))
        .orElse(new Tier(tierId, tierId, 0, BigDecimal.ONE, false, List.of()));
  }
}
