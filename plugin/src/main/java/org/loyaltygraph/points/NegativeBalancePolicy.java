package org.loyaltygraph.points;

/** What a refund does when the points it reverses were already spent. */
public enum NegativeBalancePolicy {
  /** Take everything back; the balance may go below zero and later points settle it first. */
  ALLOW_NEGATIVE,
  /** Take back what the balance holds and record the rest as the refund's shortfall. */
  STOP_AT_ZERO
}
