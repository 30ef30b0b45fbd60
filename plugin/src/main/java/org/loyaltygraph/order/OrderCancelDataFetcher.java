package org.loyaltygraph.order;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.InputArgument;
import graphql.schema.DataFetchingEnvironment;
import java.time.ZoneOffset;
import org.loyaltygraph.points.EarningService;
import org.loyaltygraph.schema.types.OrderCancelInput;
import org.loyaltygraph.schema.types.OrderCancelPayload;

/** {@code orderCancel} and an order's {@code cancellation}. */
@DgsComponent
class OrderCancelDataFetcher {

  private final OrderCancelService cancels;
  private final EarningService earning;

  OrderCancelDataFetcher(OrderCancelService cancels, EarningService earning) {
    this.cancels = cancels;
    this.earning = earning;
  }

  @DgsMutation
  OrderCancelPayload orderCancel(@InputArgument OrderCancelInput input) {
    OrderCancelService.CancelResult result =
        cancels.cancel(
            input.getOrderId(),
            input.getCanceledAt() == null ? null : input.getCanceledAt().toInstant(),
            input.getReason());
    return OrderCancelPayload.newBuilder()
        .order(
            result.order() == null
                ? null
                : OrderGraphQLMapping.order(result.order(), earning.currentRules().baseCurrency()))
        .cancellation(result.cancellation() == null ? null : map(result.cancellation()))
        .userErrors(OrderGraphQLMapping.errors(result.userErrors()))
        .build();
  }

  @DgsData(parentType = "Order", field = "cancellation")
  org.loyaltygraph.schema.types.OrderCancellation cancellation(DataFetchingEnvironment env) {
    org.loyaltygraph.schema.types.Order order = env.getSource();
    return cancels.cancellationOf(order.getId()).map(OrderCancelDataFetcher::map).orElse(null);
  }

  private static org.loyaltygraph.schema.types.OrderCancellation map(OrderCancellation c) {
    return org.loyaltygraph.schema.types.OrderCancellation.newBuilder()
        .canceledAt(c.canceledAt().atOffset(ZoneOffset.UTC))
        .reason(c.reason())
        .refundId(c.refundId())
        .build();
  }
}
