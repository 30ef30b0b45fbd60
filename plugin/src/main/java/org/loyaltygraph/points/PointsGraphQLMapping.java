package org.loyaltygraph.points;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.loyaltygraph.graphql.UserError;
import org.loyaltygraph.schema.types.DiscountCodeStatus;
import org.loyaltygraph.schema.types.Money;
import org.loyaltygraph.schema.types.MultiplierTarget;
import org.loyaltygraph.schema.types.PointsErrorCode;
import org.loyaltygraph.schema.types.PointsExpiry;
import org.loyaltygraph.schema.types.PointsUserError;
import org.loyaltygraph.schema.types.RewardType;

/** Domain records of the points feature to the generated GraphQL types, at the edge only. */
final class PointsGraphQLMapping {

  private PointsGraphQLMapping() {}

  static org.loyaltygraph.schema.types.Reward reward(Reward r) {
    return org.loyaltygraph.schema.types.Reward.newBuilder()
        .id(r.id())
        .name(r.name())
        .description(r.description())
        .costPoints(r.costPoints())
        .type(RewardType.valueOf(r.type().name()))
        .amountOff(r.amountOff() == null ? null : money(r.amountOff(), r.currency()))
        .percentOff(r.percentOff())
        .active(r.active())
        .maxPointsPerOrder(r.maxPointsPerOrder())
        .maxSharePercent(r.maxSharePercent())
        .build();
  }

  static org.loyaltygraph.schema.types.DiscountCode code(DiscountCode c, Reward reward) {
    return org.loyaltygraph.schema.types.DiscountCode.newBuilder()
        .code(c.code())
        .reward(reward(reward))
        .status(DiscountCodeStatus.valueOf(c.status().name()))
        .issuedAt(time(c.issuedAt()))
        .consumedAt(time(c.consumedAt()))
        .consumedOrderId(c.consumedOrderId())
        .build();
  }

  static org.loyaltygraph.schema.types.PointsEntry entry(PointsEntry e) {
    return org.loyaltygraph.schema.types.PointsEntry.newBuilder()
        .id(Long.toString(e.id()))
        .type(org.loyaltygraph.schema.types.PointsEntryType.valueOf(e.type().name()))
        .points(e.points())
        .createdAt(time(e.createdAt()))
        .causeType(e.causeType())
        .causeId(e.causeId())
        .reason(e.reason())
        .build();
  }

  static org.loyaltygraph.schema.types.EarningRules rules(EarningRules r) {
    return org.loyaltygraph.schema.types.EarningRules.newBuilder()
        .version(r.version())
        .baseCurrency(r.baseCurrency())
        .pointsPerStep(r.pointsPerStep())
        .stepAmount(money(r.stepAmount(), r.baseCurrency()))
        .pendingDays(r.pendingDays())
        .expiryDays(r.expiryDays())
        .expiryWarningDays(r.expiryWarningDays())
        .negativeBalancePolicy(
            org.loyaltygraph.schema.types.NegativeBalancePolicy.valueOf(
                r.negativeBalancePolicy().name()))
        .multipliers(
            r.multipliers().stream()
                .map(
                    m ->
                        org.loyaltygraph.schema.types.EarningMultiplier.newBuilder()
                            .target(MultiplierTarget.valueOf(m.target().name()))
                            .value(m.value())
                            .multiplier(m.multiplier().toPlainString())
                            .build())
                .toList())
        .minimumSubtotal(money(r.minimumSubtotal(), r.baseCurrency()))
        .earnOnShipping(r.earnOnShipping())
        .earnOnTax(r.earnOnTax())
        .earnOnGiftCards(r.earnOnGiftCards())
        .timeZone(r.timeZone().getId())
        .rewardLimits(
            org.loyaltygraph.schema.types.RewardLimits.newBuilder()
                .maxPointsPerOrder(r.rewardLimits().maxPointsPerOrder())
                .maxRewardSharePercent(r.rewardLimits().maxRewardSharePercent())
                .build())
        .rewardRestorePolicy(
            org.loyaltygraph.schema.types.RewardRestorePolicy.valueOf(
                r.rewardRestorePolicy().name()))
        .build();
  }

  static List<PointsUserError> errors(List<UserError> errors) {
    return errors.stream()
        .map(
            e ->
                PointsUserError.newBuilder()
                    .field(e.field())
                    .message(e.message())
                    .code(PointsErrorCode.valueOf(e.code()))
                    .build())
        .toList();
  }

  static Money money(long amount, String currency) {
    return Money.newBuilder().amount(amount).currency(currency).build();
  }

  static OffsetDateTime time(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static List<PointsExpiry> expiries(List<PointsSummary.Dated> dated) {
    return dated.stream()
        .map(d -> PointsExpiry.newBuilder().expiresAt(time(d.at())).points(d.points()).build())
        .toList();
  }
}
