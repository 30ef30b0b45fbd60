package org.loyaltygraph.order;

import java.time.ZoneOffset;
import java.util.List;
import org.loyaltygraph.graphql.UserError;
import org.loyaltygraph.schema.types.EarningReceipt;
import org.loyaltygraph.schema.types.Money;
import org.loyaltygraph.schema.types.OrderErrorCode;
import org.loyaltygraph.schema.types.OrderUserError;
import org.loyaltygraph.schema.types.RefundLine;

/** Order records to the generated GraphQL types, at the edge only. */
final class OrderGraphQLMapping {

  private OrderGraphQLMapping() {}

  static org.loyaltygraph.schema.types.Order order(Order o, String baseCurrency) {
    return org.loyaltygraph.schema.types.Order.newBuilder()
        .id(o.id())
        .customerId(o.customerId())
        .guestEmail(o.guestEmail())
        .placedAt(o.placedAt().atOffset(ZoneOffset.UTC))
        .currency(o.currency())
        .subtotal(money(o.subtotal(), o.currency()))
        .orderDiscount(money(o.orderDiscount(), o.currency()))
        .rewardDiscount(money(o.rewardDiscount(), o.currency()))
        .shipping(money(o.shipping(), o.currency()))
        .tax(money(o.tax(), o.currency()))
        .lines(o.lines().stream().map(l -> line(l, o, baseCurrency)).toList())
        .pointsEarned(o.pointsEarned())
        .pointsReversed(o.pointsReversed())
        .build();
  }

  static org.loyaltygraph.schema.types.Refund refund(Refund r) {
    return org.loyaltygraph.schema.types.Refund.newBuilder()
        .id(r.id())
        .orderId(r.orderId())
        .refundedAt(r.refundedAt().atOffset(ZoneOffset.UTC))
        .lines(
            r.lines().stream()
                .map(
                    l ->
                        RefundLine.newBuilder()
                            .lineId(l.lineId())
                            .quantity(l.quantity())
                            .points(l.points())
                            .build())
                .toList())
        .pointsReversed(r.pointsReversed())
        .pointsCanceled(r.pointsCanceled())
        .pointsExpired(r.pointsExpired())
        .shortfall(r.shortfall())
        .build();
  }

  static List<OrderUserError> errors(List<UserError> errors) {
    return errors.stream()
        .map(
            e ->
                OrderUserError.newBuilder()
                    .field(e.field())
                    .message(e.message())
                    .code(OrderErrorCode.valueOf(e.code()))
                    .build())
        .toList();
  }

  private static org.loyaltygraph.schema.types.OrderLine line(
      OrderLine l, Order o, String baseCurrency) {
    return org.loyaltygraph.schema.types.OrderLine.newBuilder()
        .lineId(l.lineId())
        .sku(l.sku())
        .category(l.category())
        .quantity(l.quantity())
        .refundedQuantity(l.refundedQuantity())
        .unitPrice(money(l.unitPrice(), o.currency()))
        .discount(money(l.discount(), o.currency()))
        .orderDiscount(money(l.orderDiscount(), o.currency()))
        .giftCard(l.giftCard())
        .paid(money(l.paid(), o.currency()))
        .receipt(
            EarningReceipt.newBuilder()
                .ruleVersion(o.ruleVersion())
                .base(money(l.baseAmount(), baseCurrency))
                .multiplier(l.multiplier().toPlainString())
                .points(l.points())
                .reversedPoints(l.reversedPoints())
                .build())
        .build();
  }

  private static Money money(long amount, String currency) {
    return Money.newBuilder().amount(amount).currency(currency).build();
  }
}
