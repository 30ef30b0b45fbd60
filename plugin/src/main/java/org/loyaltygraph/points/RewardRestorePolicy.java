package org.loyaltygraph.points;

/** What a full refund of an order does to the rewards used on it. */
public enum RewardRestorePolicy {
  /** The points the reward cost come back as a new lot. */
  RESTORE_POINTS,
  /** The code becomes usable again. */
  REACTIVATE_CODE,
  /** The reward stays used. */
  NONE
}
