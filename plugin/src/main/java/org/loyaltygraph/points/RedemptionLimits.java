package org.loyaltygraph.points;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loyaltygraph.graphql.UserError;
import org.springframework.stereotype.Component;

/**
 * What one order may take from rewards: the most points of rewards and the largest share of its
 * value rewards may cover, set by the current earning rules ({@link RewardLimits}) and by each
 * reward. The strictest limit of the program and of every reward on the order applies.
 */
@Component
class RedemptionLimits {

  private final DiscountCodeRepository codes;
  private final RedemptionRepository redemptions;
  private final RewardService rewards;
  private final EarningRulesService rules;

  RedemptionLimits(
      DiscountCodeRepository codes,
      RedemptionRepository redemptions,
      RewardService rewards,
      EarningRulesService rules) {
    this.codes = codes;
    this.redemptions = redemptions;
    this.rewards = rewards;
    this.rules = rules;
  }

  /** Why adding {@code reward} (code {@code code}) to the order breaks a limit, if it does. */
  Optional<UserError> check(
      Reward reward, String code, String orderId, Long subtotal, String currency) {
    List<Reward> onOrder = new ArrayList<>(List.of(reward));
    long points = redemptions.costOfCode(code);
    // a locking read: as last committed whatever the isolation level (the caller holds the order)
    for (DiscountCode used : codes.lockConsumedOn(orderId)) {
      if (used.code().equals(code)) {
        continue;
      }
      onOrder.add(rewards.find(used.rewardId()).orElseThrow());
      points += redemptions.costOfCode(used.code());
    }
    RewardLimits program = rules.current().rewardLimits();
    Long pointsLimit = program.maxPointsPerOrder();
    Integer shareLimit = program.maxRewardSharePercent();
    for (Reward r : onOrder) {
      pointsLimit = min(pointsLimit, r.maxPointsPerOrder());
      shareLimit = min(shareLimit, r.maxSharePercent());
    }
    if (pointsLimit != null && points > pointsLimit) {
      return Optional.of(
          UserError.of(
              "ORDER_POINTS_LIMIT",
              "One order may use rewards worth "
                  + pointsLimit
                  + " points; this would make "
                  + points
                  + ".",
              "input",
              "code"));
    }
    if (shareLimit == null) {
      return Optional.empty();
    }
    if (subtotal == null || subtotal <= 0 || !rules.current().baseCurrency().equals(currency)) {
      return Optional.of(
          UserError.of(
              "REQUIRED",
              "orderSubtotal in "
                  + rules.current().baseCurrency()
                  + " is needed to check the share rewards may cover.",
              "input",
              "orderSubtotal"));
    }
    long covered = onOrder.stream().mapToLong(r -> r.valueOn(subtotal)).sum();
    if (covered * 100 > (long) shareLimit * subtotal) {
      return Optional.of(
          UserError.of(
              "ORDER_SHARE_LIMIT",
              "Rewards may cover at most " + shareLimit + "% of the order.",
              "input",
              "code"));
    }
    return Optional.empty();
  }

  // written out: a conditional mixing Long and long would unbox a null
  private static Long min(Long a, Long b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return Math.min(a, b);
  }

  private static Integer min(Integer a, Integer b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return Math.min(a, b);
  }
}
