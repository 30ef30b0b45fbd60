package org.loyaltygraph.tier;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's stored standing: the tier held, a running grace period, and when to look again.
 *
 * @param qualifyingAmount the window's amount when last evaluated
 * @param rulesVersion the program rules it was last evaluated with
 * @param evaluatedAt when it was last evaluated
 * @param windowRollsAt when the oldest activity of that window rolls out (null: the window was
 *     empty); until then the stored amount plus newer activity is the window's amount
 * @param windowKnown whether the last evaluation stored its window (false for a new row, and for
 *     one saved before this was kept or by an older version of the service): if not, the next
 *     evaluation reads the window
 */
record TierState(
    String customerId,
    String tierId,
    long qualifyingAmount,
    Instant graceEndsAt,
    Instant nextEvaluationAt,
    long rulesVersion,
    Instant evaluatedAt,
    Instant windowRollsAt,
    boolean windowKnown) {

  /**
   * The window at {@code now}: the stored one with the activity {@code added} since, when the
   * stored one still holds (evaluated under today's rules, not after {@code now}, nothing rolled
   * out since, and the same window end, a calendar year's); empty when the window must be read.
   */
  Optional<QualifyingWindow> windowWith(
      List<QualifyingActivity> added, TierConfiguration config, Instant now) {
    TierProgram program = config.program();
    boolean holds =
        windowKnown
            && rulesVersion == config.rulesVersion()
            && !now.isBefore(evaluatedAt)
            && (windowRollsAt == null || now.isBefore(windowRollsAt))
            && Objects.equals(program.windowEnd(evaluatedAt), program.windowEnd(now));
    if (!holds) {
      return Optional.empty();
    }
    Instant start = program.windowStart(now);
    Instant end = program.windowEnd(now);
    QualifyingWindow window = new QualifyingWindow(qualifyingAmount, windowRollsAt);
    for (QualifyingActivity a : added) {
      if (!a.occurredAt().isBefore(start) && (end == null || a.occurredAt().isBefore(end))) {
        window = window.plus(a, program);
      }
    }
    return Optional.of(window);
  }

  /** This state, due for evaluation at {@code at} at the latest. */
  TierState dueBy(Instant at) {
    if (nextEvaluationAt != null && !nextEvaluationAt.isAfter(at)) {
      return this;
    }
    return new TierState(
        customerId,
        tierId,
        qualifyingAmount,
        graceEndsAt,
        at,
        rulesVersion,
        evaluatedAt,
        windowRollsAt,
        windowKnown);
  }
}
