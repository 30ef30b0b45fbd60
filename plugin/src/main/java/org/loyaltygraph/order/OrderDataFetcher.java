package org.loyaltygraph.order;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import graphql.schema.DataFetchingEnvironment;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.loyaltygraph.graphql.UserError;
import org.loyaltygraph.points.EarningService;
import org.loyaltygraph.schema.types.GuestOrdersLinkInput;
import org.loyaltygraph.schema.types.GuestOrdersLinkPayload;
import org.loyaltygraph.schema.types.OrderRecordPayload;
import org.loyaltygraph.schema.types.OrderRefundInput;
import org.loyaltygraph.schema.types.OrderRefundPayload;

/** {@code order}, {@code orderRecord} and {@code orderRefund}. */
@DgsComponent
class OrderDataFetcher {

  private final OrderService orders;
  private final RefundService refunds;
  private final EarningService earning;

  OrderDataFetcher(OrderService orders, RefundService refunds, EarningService earning) {
    this.orders = orders;
    this.refunds = refunds;
    this.earning = earning;
  }

  @DgsQuery
  org.loyaltygraph.schema.types.Order order(@InputArgument String id) {
    return orders.find(id).map(o -> OrderGraphQLMapping.order(o, baseCurrency())).orElse(null);
  }

  @DgsData(parentType = "Order", field = "refunds")
  List<org.loyaltygraph.schema.types.Refund> refunds(DataFetchingEnvironment env) {
    org.loyaltygraph.schema.types.Order order = env.getSource();
    return refunds.ofOrder(order.getId()).stream().map(OrderGraphQLMapping::refund).toList();
  }

  @DgsMutation
  OrderRecordPayload orderRecord(DataFetchingEnvironment env) {
    Map<String, Object> input = env.getArgument("input");
    String exchangeRate = (String) input.get("exchangeRate");
    BigDecimal rate;
    try {
      rate = exchangeRate == null ? null : new BigDecimal(exchangeRate.trim());
    } catch (NumberFormatException e) {
      return OrderRecordPayload.newBuilder()
          .userErrors(
              OrderGraphQLMapping.errors(
                  List.of(
                      UserError.of(
                          "EXCHANGE_RATE_REQUIRED",
                          "exchangeRate is a decimal such as 1.0842.",
                          "input",
                          "exchangeRate"))))
          .build();
    }
    OrderResult result = orders.record(OrderGraphQLMapping.recordInput(input, rate));
    return OrderRecordPayload.newBuilder()
        .order(
            result.order() == null
                ? null
                : OrderGraphQLMapping.order(result.order(), baseCurrency()))
        .userErrors(OrderGraphQLMapping.errors(result.userErrors()))
        .build();
  }

  @DgsMutation
  OrderRefundPayload orderRefund(@InputArgument OrderRefundInput input) {
    RefundResult result =
        refunds.refund(
            new RefundInput(
                input.getId(),
                input.getOrderId(),
                input.getRefundedAt() == null ? null : input.getRefundedAt().toInstant(),
                input.getLines() == null
                    ? null
                    : input.getLines().stream()
                        .map(l -> new RefundInput.Line(l.getLineId(), l.getQuantity()))
                        .toList(),
                input.getAmount()));
    return OrderRefundPayload.newBuilder()
        .refund(result.refund() == null ? null : OrderGraphQLMapping.refund(result.refund()))
        .userErrors(OrderGraphQLMapping.errors(result.userErrors()))
        .build();
  }

  @DgsMutation
  GuestOrdersLinkPayload guestOrdersLink(@InputArgument GuestOrdersLinkInput input) {
    OrderService.LinkResult result =
        orders.linkGuestOrders(input.getCustomerId(), input.getOrderIds());
    return GuestOrdersLinkPayload.newBuilder()
        .orders(
            result.orders() == null
                ? null
                : result.orders().stream()
                    .map(o -> OrderGraphQLMapping.order(o, baseCurrency()))
                    .toList())
        .pointsAwarded(result.userErrors().isEmpty() ? result.pointsAwarded() : null)
        .userErrors(OrderGraphQLMapping.errors(result.userErrors()))
        .build();
  }

  private String baseCurrency() {
    return earning.currentRules().baseCurrency();
  }
}
