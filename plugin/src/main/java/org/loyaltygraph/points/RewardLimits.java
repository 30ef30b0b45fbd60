package org.loyaltygraph.points;

/**
 * The program's limits on what one order may take from rewards: the most points of rewards, and the
 * largest share of the order's value they may cover. Null means no limit.
 */
public record RewardLimits(Long maxPointsPerOrder, Integer maxRewardSharePercent) {

  public static final RewardLimits NONE = new RewardLimits(null, null);
}
