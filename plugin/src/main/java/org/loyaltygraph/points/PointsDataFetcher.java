package org.loyaltygraph.points;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import graphql.schema.DataFetchingEnvironment;
import java.math.BigDecimal;
import java.util.List;
import org.loyaltygraph.graphql.UserError;
import org.loyaltygraph.schema.types.DiscountCodeRedeemInput;
import org.loyaltygraph.schema.types.DiscountCodeRedeemPayload;
import org.loyaltygraph.schema.types.EarningRulesPayload;
import org.loyaltygraph.schema.types.EarningRulesUpdateInput;
import org.loyaltygraph.schema.types.OpeningBalanceImportInput;
import org.loyaltygraph.schema.types.OpeningBalancePayload;
import org.loyaltygraph.schema.types.PointsAdjustInput;
import org.loyaltygraph.schema.types.PointsAdjustPayload;
import org.loyaltygraph.schema.types.PointsRedeemInput;
import org.loyaltygraph.schema.types.PointsRedeemPayload;
import org.loyaltygraph.schema.types.RewardCreateInput;
import org.loyaltygraph.schema.types.RewardPayload;
import org.loyaltygraph.schema.types.RewardUpdateInput;
import org.loyaltygraph.security.Caller;
import org.loyaltygraph.security.CallerContext;
import org.loyaltygraph.system.LockConflictRetry;

/**
 * The points root fields: rewards, earning rules, redemption, codes and adjustments. Every mutation
 * runs its whole service transaction again when the database picks it as a deadlock victim.
 */
@DgsComponent
class PointsDataFetcher {

  private final RewardService rewards;
  private final EarningRulesService rules;
  private final RedemptionService redemptions;
  private final AdjustmentService adjustments;
  private final OpeningBalanceService openings;

  PointsDataFetcher(
      RewardService rewards,
      EarningRulesService rules,
      RedemptionService redemptions,
      AdjustmentService adjustments,
      OpeningBalanceService openings) {
    this.openings = openings;
    this.rewards = rewards;
    this.rules = rules;
    this.redemptions = redemptions;
    this.adjustments = adjustments;
  }

  @DgsQuery
  List<org.loyaltygraph.schema.types.Reward> rewards(@InputArgument Boolean includeInactive) {
    return rewards.all().stream()
        .filter(r -> r.active() || Boolean.TRUE.equals(includeInactive))
        .map(PointsGraphQLMapping::reward)
        .toList();
  }

  @DgsQuery
  org.loyaltygraph.schema.types.EarningRules earningRules() {
    return PointsGraphQLMapping.rules(rules.current());
  }

  @DgsMutation
  PointsRedeemPayload pointsRedeem(
      @InputArgument PointsRedeemInput input, DataFetchingEnvironment env) {
    Caller caller = CallerContext.of(env);
    if (!caller.mayActFor(input.getCustomerId())) {
      return PointsRedeemPayload.newBuilder()
          .userErrors(
              PointsGraphQLMapping.errors(
                  List.of(
                      UserError.of(
                          "UNKNOWN_CUSTOMER",
                          "A shopper token may only redeem its own points.",
                          "input",
                          "customerId"))))
          .build();
    }
    RedemptionService.RedeemResult result =
        LockConflictRetry.run(
            () ->
                redemptions.redeem(
                    input.getCustomerId(), input.getRewardId(), input.getIdempotencyKey()));
    return PointsRedeemPayload.newBuilder()
        .discountCode(
            result.code() == null
                ? null
                : PointsGraphQLMapping.code(result.code(), result.reward()))
        .pointsAvailable(result.available())
        .userErrors(PointsGraphQLMapping.errors(result.userErrors()))
        .build();
  }

  @DgsMutation
  DiscountCodeRedeemPayload discountCodeRedeem(@InputArgument DiscountCodeRedeemInput input) {
    RedemptionService.ConsumeResult result =
        LockConflictRetry.run(
            () ->
                redemptions.consume(
                    input.getCode(),
                    input.getOrderId(),
                    input.getOrderSubtotal() == null ? null : input.getOrderSubtotal().getAmount(),
                    input.getOrderSubtotal() == null
                        ? null
                        : input.getOrderSubtotal().getCurrency()));
    return DiscountCodeRedeemPayload.newBuilder()
        .discountCode(
            result.code() == null
                ? null
                : PointsGraphQLMapping.code(result.code(), result.reward()))
        .userErrors(PointsGraphQLMapping.errors(result.userErrors()))
        .build();
  }

  @DgsMutation
  PointsAdjustPayload pointsAdjust(
      @InputArgument PointsAdjustInput input, DataFetchingEnvironment env) {
    AdjustmentService.AdjustResult result =
        LockConflictRetry.run(
            () ->
                adjustments.adjust(
                    input.getCustomerId(),
                    input.getPoints(),
                    input.getReason(),
                    input.getIdempotencyKey(),
                    CallerContext.of(env).principal()));
    return PointsAdjustPayload.newBuilder()
        .pointsAvailable(result.available())
        .userErrors(PointsGraphQLMapping.errors(result.userErrors()))
        .build();
  }

  @DgsMutation
  OpeningBalancePayload openingBalanceImport(@InputArgument OpeningBalanceImportInput input) {
    OpeningBalanceService.ImportResult result =
        LockConflictRetry.run(
            () ->
                openings.importBalance(
                    input.getCustomerId(),
                    input.getLots().stream()
                        .map(
                            l ->
                                new OpeningBalanceService.Lot(
                                    l.getPoints(),
                                    l.getExpiresAt() == null ? null : l.getExpiresAt().toInstant()))
                        .toList(),
                    input.getQualifyingAmount() == null ? 0 : input.getQualifyingAmount()));
    return OpeningBalancePayload.newBuilder()
        .pointsAvailable(result.available())
        .userErrors(PointsGraphQLMapping.errors(result.userErrors()))
        .build();
  }

  @DgsMutation
  RewardPayload rewardCreate(@InputArgument RewardCreateInput input) {
    Reward.Type type = Reward.Type.valueOf(input.getType().name());
    Reward reward =
        new Reward(
            input.getId(),
            input.getName(),
            input.getDescription(),
            input.getCostPoints(),
            type,
            input.getAmountOff() == null ? null : input.getAmountOff().getAmount(),
            input.getAmountOff() == null ? null : input.getAmountOff().getCurrency(),
            input.getPercentOff(),
            true,
            input.getMaxPointsPerOrder(),
            input.getMaxSharePercent());
    return rewardPayload(LockConflictRetry.run(() -> rewards.create(reward)));
  }

  @DgsMutation
  RewardPayload rewardUpdate(@InputArgument RewardUpdateInput input) {
    return rewardPayload(
        LockConflictRetry.run(
            () ->
                rewards.update(
                    input.getId(),
                    input.getName(),
                    input.getDescription(),
                    input.getCostPoints(),
                    input.getActive())));
  }

  @DgsMutation
  EarningRulesPayload earningRulesUpdate(@InputArgument EarningRulesUpdateInput input) {
    List<EarningMultiplier> multipliers = null;
    if (input.getMultipliers() != null) {
      try {
        multipliers =
            input.getMultipliers().stream()
                .map(
                    m ->
                        new EarningMultiplier(
                            EarningMultiplier.Target.valueOf(m.getTarget().name()),
                            m.getValue() == null ? null : m.getValue().trim(),
                            new BigDecimal(m.getMultiplier().trim())))
                .toList();
      } catch (NumberFormatException e) {
        return EarningRulesPayload.newBuilder()
            .userErrors(
                PointsGraphQLMapping.errors(
                    List.of(
                        UserError.of(
                            "INVALID",
                            "A multiplier is a decimal such as 1.5.",
                            "input",
                            "multipliers"))))
            .build();
      }
    }
    EarningRulesService.RulesChange change =
        new EarningRulesService.RulesChange(
            input.getPointsPerStep(),
            input.getStepAmount(),
            input.getPendingDays(),
            input.getExpiryDays(),
            input.getNeverExpire(),
            input.getExpiryWarningDays(),
            input.getNegativeBalancePolicy() == null
                ? null
                : NegativeBalancePolicy.valueOf(input.getNegativeBalancePolicy().name()),
            multipliers,
            input.getMinimumSubtotal(),
            input.getEarnOnShipping(),
            input.getEarnOnTax(),
            input.getEarnOnGiftCards(),
            input.getTimeZone(),
            input.getRewardRestorePolicy() == null
                ? null
                : RewardRestorePolicy.valueOf(input.getRewardRestorePolicy().name()),
            input.getRewardLimits() == null
                ? null
                : new RewardLimits(
                    input.getRewardLimits().getMaxPointsPerOrder(),
                    input.getRewardLimits().getMaxRewardSharePercent()));
    EarningRulesService.RulesResult result = LockConflictRetry.run(() -> rules.update(change));
    return EarningRulesPayload.newBuilder()
        .earningRules(result.rules() == null ? null : PointsGraphQLMapping.rules(result.rules()))
        .userErrors(PointsGraphQLMapping.errors(result.userErrors()))
        .build();
  }

  private static RewardPayload rewardPayload(RewardService.RewardResult result) {
    return RewardPayload.newBuilder()
        .reward(result.reward() == null ? null : PointsGraphQLMapping.reward(result.reward()))
        .userErrors(PointsGraphQLMapping.errors(result.userErrors()))
        .build();
  }
}
