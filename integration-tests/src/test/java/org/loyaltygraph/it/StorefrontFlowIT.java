package org.loyaltygraph.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.schema.client.CustomerGraphQLQuery;
import org.loyaltygraph.schema.client.CustomerProjectionRoot;
import org.loyaltygraph.schema.client.CustomerUpsertGraphQLQuery;
import org.loyaltygraph.schema.client.CustomerUpsertProjectionRoot;
import org.loyaltygraph.schema.client.MeGraphQLQuery;
import org.loyaltygraph.schema.client.MeProjectionRoot;
import org.loyaltygraph.schema.client.OrderRecordGraphQLQuery;
import org.loyaltygraph.schema.client.OrderRecordProjectionRoot;
import org.loyaltygraph.schema.client.OrderRefundGraphQLQuery;
import org.loyaltygraph.schema.client.OrderRefundProjectionRoot;
import org.loyaltygraph.schema.types.Customer;
import org.loyaltygraph.schema.types.CustomerUpsertInput;
import org.loyaltygraph.schema.types.CustomerUpsertPayload;
import org.loyaltygraph.schema.types.OrderErrorCode;
import org.loyaltygraph.schema.types.OrderLineInput;
import org.loyaltygraph.schema.types.OrderRecordInput;
import org.loyaltygraph.schema.types.OrderRecordPayload;
import org.loyaltygraph.schema.types.OrderRefundInput;
import org.loyaltygraph.schema.types.OrderRefundPayload;
import org.loyaltygraph.schema.types.RefundLineInput;
import org.loyaltygraph.testing.ShopperTokens;

/**
 * The storefront's day, against the packaged jar, through the generated typed client: customer,
 * order, shopper read, refund.
 */
class StorefrontFlowIT {

  private final PackagedPlugin plugin = PackagedPlugin.get();
  private final TypedGraphQLClient storefront = plugin.storefront();

  @Test
  void anOrderEarnsPendingPointsTheShopperSeesAndARefundCancels() {
    String customer = newCustomer();
    String orderId = "it-o-" + UUID.randomUUID();

    OrderRecordPayload recorded =
        storefront.call(
            OrderRecordGraphQLQuery.newRequest()
                .input(
                    OrderRecordInput.newBuilder()
                        .id(orderId)
                        .customerId(customer)
                        .placedAt(
                            OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS))
                        .currency("USD")
                        .lines(
                            List.of(
                                line("1", "LAMP", "home", 2, 3000),
                                line("2", "BULB", "home", 4, 250)))
                        .build())
                .build(),
            new OrderRecordProjectionRoot<>()
                .order()
                .pointsEarned()
                .lines()
                .lineId()
                .receipt()
                .points()
                .root()
                .userErrors()
                .code()
                .root(),
            OrderRecordPayload.class);
    assertThat(recorded.getUserErrors()).isEmpty();
    long earned = recorded.getOrder().getPointsEarned();
    assertThat(earned).isPositive();

    Customer me =
        plugin
            .typedClient(ShopperTokens.bearerFor(customer, Instant.now()))
            .call(
                new MeGraphQLQuery(),
                new MeProjectionRoot<>().loyalty().points().pending().available().root(),
                Customer.class);
    assertThat(me.getLoyalty().getPoints().getPending()).isEqualTo(earned);

    OrderRefundPayload refund = refundUnits("it-r-" + orderId, orderId, "1", 2);
    assertThat(refund.getRefund().getPointsCanceled())
        .isEqualTo(recorded.getOrder().getLines().get(0).getReceipt().getPoints());
    assertThat(pendingPoints(customer))
        .isEqualTo(recorded.getOrder().getLines().get(1).getReceipt().getPoints());

    OrderRefundPayload unknown = refundUnits("it-r-" + UUID.randomUUID(), "no-such-order", "1", 1);
    assertThat(unknown.getUserErrors().get(0).getCode()).isEqualTo(OrderErrorCode.UNKNOWN_ORDER);
  }

  private String newCustomer() {
    String id = "it-c-" + UUID.randomUUID();
    CustomerUpsertPayload upserted =
        storefront.call(
            CustomerUpsertGraphQLQuery.newRequest()
                .input(CustomerUpsertInput.newBuilder().id(id).email(id + "@example.com").build())
                .build(),
            new CustomerUpsertProjectionRoot<>().userErrors().code().root(),
            CustomerUpsertPayload.class);
    assertThat(upserted.getUserErrors()).isEmpty();
    return id;
  }

  private static OrderLineInput line(
      String lineId, String sku, String category, int quantity, long unitPrice) {
    return OrderLineInput.newBuilder()
        .lineId(lineId)
        .sku(sku)
        .category(category)
        .quantity(quantity)
        .unitPrice(unitPrice)
        .build();
  }

  private OrderRefundPayload refundUnits(
      String refundId, String orderId, String lineId, int quantity) {
    return storefront.call(
        OrderRefundGraphQLQuery.newRequest()
            .input(
                OrderRefundInput.newBuilder()
                    .id(refundId)
                    .orderId(orderId)
                    .lines(
                        List.of(
                            RefundLineInput.newBuilder().lineId(lineId).quantity(quantity).build()))
                    .build())
            .build(),
        new OrderRefundProjectionRoot<>()
            .refund()
            .pointsCanceled()
            .root()
            .userErrors()
            .code()
            .root(),
        OrderRefundPayload.class);
  }

  private long pendingPoints(String customerId) {
    return storefront
        .call(
            CustomerGraphQLQuery.newRequest().id(customerId).build(),
            new CustomerProjectionRoot<>().loyalty().points().pending().root(),
            Customer.class)
        .getLoyalty()
        .getPoints()
        .getPending();
  }
}
