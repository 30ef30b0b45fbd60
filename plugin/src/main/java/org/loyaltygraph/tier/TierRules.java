package org.loyaltygraph.tier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The tier rules, free of storage and time sources: upgrade at once; below the held tier's
 * threshold, wait out the grace period, then move down to the tier the amount qualifies for;
 * recovering during grace cancels it.
 */
final class TierRules {

  static final String GRACE_EXPIRED = "grace-expired";

  /** What made us look at a customer; its name is the reason a resulting change records. */
  enum Trigger {
    ORDER("order"),
    REFUND("refund"),
    WINDOW("window"),
    PROGRAM_CHANGE("program-change"),
    MERGE("merge"),
    OPENING_BALANCE("opening-balance");

    final String reason;

    Trigger(String reason) {
      this.reason = reason;
    }
  }

  /**
   * The result of an evaluation.
   *
   * @param changeReason why the tier changed, or null when it did not
   */
  record Outcome(
      Tier tier,
      long qualifyingAmount,
      Instant graceEndsAt,
      Instant nextEvaluationAt,
      String changeReason) {}

  private TierRules() {}

  /**
   * Evaluates a customer.
   *
   * @param held the tier held (possibly one deleted since, when {@code heldVanished})
   * @param window the activity inside the window at {@code now}
   */
  static Outcome evaluate(
      TierConfiguration config,
      Tier held,
      boolean heldVanished,
      Instant graceEndsAt,
      QualifyingWindow window,
      Instant now,
      Trigger trigger) {
    TierProgram program = config.program();
    long amount = window.amount();
    Tier qualified = config.qualifiedFor(amount);
    Tier tier = held;
    Instant grace = graceEndsAt;
    String reason = null;
    if (heldVanished) {
      // the held tier was deleted: there is nothing left to keep, so no grace period
      tier = qualified;
      grace = null;
      reason = Trigger.PROGRAM_CHANGE.reason;
    } else if (rank(qualified) > rank(held)) {
      tier = qualified;
      grace = null;
      reason = trigger.reason;
    } else if (rank(qualified) == rank(held)) {
      grace = null;
    } else if (grace == null && program.downgradeGraceDays() > 0) {
      grace = now.plus(Duration.ofDays(program.downgradeGraceDays()));
    } else if (grace == null) {
      tier = qualified;
      reason = trigger.reason;
    } else if (!now.isBefore(grace)) {
      tier = qualified;
      grace = null;
      reason = GRACE_EXPIRED;
    }
    Instant next = earliest(window.rollsAt(), grace);
    return new Outcome(tier, amount, grace, next, reason);
  }

  /**
   * What a customer sees: the stored tier (or, never evaluated, the one an evaluation would give)
   * and how far the next tier and the next evaluation are.
   *
   * @param held the tier held, or null for none
   */
  static TierStanding standing(
      String customerId,
      TierConfiguration config,
      Tier held,
      Instant graceEndsAt,
      List<QualifyingActivity> window) {
    TierProgram program = config.program();
    QualifyingWindow summary = QualifyingWindow.of(window, program);
    long toKeep = 0;
    if (held != null) {
      Instant nextEvaluation = earliest(summary.rollsAt(), graceEndsAt);
      long remaining =
          nextEvaluation == null ? summary.amount() : remainingAt(window, program, nextEvaluation);
      toKeep = Math.max(0, held.threshold() - remaining);
    }
    return standing(customerId, config, held, graceEndsAt, summary, toKeep);
  }

  /**
   * {@link #standing} from the window's summary, with what it takes to keep the held tier given (0
   * without a tier, which needs no more than the summary).
   */
  static TierStanding standing(
      String customerId,
      TierConfiguration config,
      Tier held,
      Instant graceEndsAt,
      QualifyingWindow window,
      long amountToKeep) {
    Tier next = config.above(held);
    long toNext = next == null ? 0 : Math.max(0, next.threshold() - window.amount());
    return new TierStanding(
        customerId,
        held,
        window.amount(),
        next,
        toNext,
        amountToKeep,
        earliest(window.rollsAt(), graceEndsAt),
        graceEndsAt,
        window.rollsAt());
  }

  /** The part of today's window that still counts at {@code at}. */
  static long remainingAt(List<QualifyingActivity> window, TierProgram program, Instant at) {
    long total = 0;
    for (QualifyingActivity a : window) {
      if (program.dropsOutAt(a.occurredAt()).isAfter(at)) {
        total = Math.addExact(total, a.amount(program.basis()));
      }
    }
    return total;
  }

  private static long rank(Tier tier) {
    return tier == null ? -1 : tier.threshold();
  }

  static Instant earliest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }
}
