package org.loyaltygraph.tier;

import java.time.Instant;
import java.util.List;

/**
 * What an evaluation needs of a customer's window: the qualifying amount under the program's basis,
 * and when the oldest activity in it rolls out (null for an empty window). Evaluations store both,
 * so the next order can add its own activity instead of reading the whole window again.
 */
record QualifyingWindow(long amount, Instant rollsAt) {

  static final QualifyingWindow EMPTY = new QualifyingWindow(0, null);

  static QualifyingWindow of(List<QualifyingActivity> window, TierProgram program) {
    QualifyingWindow summary = EMPTY;
    for (QualifyingActivity a : window) {
      summary = summary.plus(a, program);
    }
    return summary;
  }

  /**
   * The window of activity summed by the database: both sums and the oldest time, or null for none
   * (roll-out times only grow with the time of the activity).
   */
  static QualifyingWindow of(long spend, long points, Instant oldest, TierProgram program) {
    return new QualifyingWindow(
        program.basis().of(spend, points), oldest == null ? null : program.dropsOutAt(oldest));
  }

  /** This window with one more activity inside it. */
  QualifyingWindow plus(QualifyingActivity activity, TierProgram program) {
    Instant out = program.dropsOutAt(activity.occurredAt());
    return new QualifyingWindow(
        Math.addExact(amount, activity.amount(program.basis())),
        rollsAt == null || out.isBefore(rollsAt) ? out : rollsAt);
  }
}
