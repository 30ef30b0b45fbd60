package org.loyaltygraph.order;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.loyaltygraph.graphql.UserError;
import org.loyaltygraph.schema.types.EarningReceipt;
import org.loyaltygraph.schema.types.Money;
import org.loyaltygraph.schema.types.OrderErrorCode;
import org.loyaltygraph.schema.types.OrderUserError;
import org.loyaltygraph.schema.types.RefundLine;

/** Order records to the generated GraphQL types, at the edge only. */
final class OrderGraphQLMapping {

  private OrderGraphQLMapping() {}

  /**
   * The {@code orderRecord} input as graphql-java coerced it (ids and strings as String, Int as
   * Integer, Long and DateTime through their scalars), read by field name. The hottest mutation
   * skips DGS's reflective mapping into the generated input class, which the benchmark's profile
   * put at about 7 % of the service's CPU per order. A field added to {@code OrderRecordInput} or
   * {@code OrderLineInput} must be read here too: OrderInputFieldsTest compares these sets with the
   * schema.
   */
  static final Set<String> RECORD_INPUT_FIELDS =
      Set.of(
          "id",
          "customerId",
          "guestEmail",
          "placedAt",
          "currency",
          "exchangeRate",
          "orderDiscount",
          "shipping",
          "tax",
          "lines",
          "rewardCodes");

  static final Set<String> LINE_INPUT_FIELDS =
      Set.of("lineId", "sku", "category", "quantity", "unitPrice", "discount", "giftCard");

  @SuppressWarnings("unchecked")
  static OrderInput recordInput(Map<String, Object> in, BigDecimal exchangeRate) {
    List<Map<String, Object>> lines = (List<Map<String, Object>>) in.get("lines");
    OffsetDateTime placedAt = (OffsetDateTime) in.get("placedAt");
    return new OrderInput(
        (String) in.get("id"),
        (String) in.get("customerId"),
        placedAt == null ? null : placedAt.toInstant(),
        (String) in.get("currency"),
        exchangeRate,
        orZero(in.get("orderDiscount")),
        orZero(in.get("shipping")),
        orZero(in.get("tax")),
        lines.stream()
            .map(
                l ->
                    new OrderInput.Line(
                        (String) l.get("lineId"),
                        (String) l.get("sku"),
                        (String) l.get("category"),
                        ((Number) l.get("quantity")).intValue(),
                        ((Number) l.get("unitPrice")).longValue(),
                        orZero(l.get("discount")),
                        Boolean.TRUE.equals(l.get("giftCard"))))
            .toList(),
        (String) in.get("guestEmail"),
        (List<String>) in.get("rewardCodes"));
  }

  private static long orZero(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }

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
