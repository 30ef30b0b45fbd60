package org.loyaltygraph.testing;

import com.netflix.graphql.dgs.client.codegen.GraphQLQueryRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.loyaltygraph.schema.client.CustomerGraphQLQuery;
import org.loyaltygraph.schema.client.CustomerProjectionRoot;
import org.loyaltygraph.schema.client.CustomerUpsertGraphQLQuery;
import org.loyaltygraph.schema.client.CustomerUpsertProjectionRoot;
import org.loyaltygraph.schema.client.DiscountCodeRedeemGraphQLQuery;
import org.loyaltygraph.schema.client.DiscountCodeRedeemProjectionRoot;
import org.loyaltygraph.schema.client.OrderGraphQLQuery;
import org.loyaltygraph.schema.client.OrderProjection;
import org.loyaltygraph.schema.client.OrderProjectionRoot;
import org.loyaltygraph.schema.client.OrderRecordGraphQLQuery;
import org.loyaltygraph.schema.client.OrderRecordProjectionRoot;
import org.loyaltygraph.schema.client.OrderRefundGraphQLQuery;
import org.loyaltygraph.schema.client.OrderRefundProjectionRoot;
import org.loyaltygraph.schema.client.PointsRedeemGraphQLQuery;
import org.loyaltygraph.schema.client.PointsRedeemProjectionRoot;
import tools.jackson.databind.JsonNode;

/**
 * What a storefront server sends, over real HTTP: customers, orders, refunds, redemptions. Each
 * method answers the mutation's payload. The documents are built with the typed client that
 * graphql-schema generates, with the input as the variable {@code $in} (or {@code $id}), so a
 * schema change to an operation or a field read here breaks the compilation of this fixture.
 */
public class Storefront {

  private final GraphQLTestClient graphql;

  public Storefront(GraphQLTestClient graphql) {
    this.graphql = graphql;
  }

  public GraphQLTestClient graphql() {
    return graphql;
  }

  public String newCustomer() {
    String id = "c-" + UUID.randomUUID();
    JsonNode payload =
        graphql
            .storefront(
                new GraphQLQueryRequest(
                    CustomerUpsertGraphQLQuery.newRequest().inputReference("in").build(),
                    new CustomerUpsertProjectionRoot<>().userErrors().code().root()),
                Map.of("in", Map.of("id", id, "email", id + "@example.com")))
            .assertNoErrors()
            .data()
            .path("customerUpsert");
    if (!payload.path("userErrors").isEmpty()) {
      throw new AssertionError("customerUpsert refused: " + payload);
    }
    return id;
  }

  /** A line: id, sku, category, quantity, unit price (minor units). */
  public static Map<String, Object> line(
      String lineId, String sku, String category, int quantity, long unitPrice) {
    Map<String, Object> line = new HashMap<>();
    line.put("lineId", lineId);
    line.put("sku", sku);
    line.put("category", category);
    line.put("quantity", quantity);
    line.put("unitPrice", unitPrice);
    return line;
  }

  public static Map<String, Object> order(
      String orderId,
      String customerId,
      Instant placedAt,
      String currency,
      List<Map<String, Object>> lines) {
    Map<String, Object> order = new HashMap<>();
    order.put("id", orderId);
    order.put("customerId", customerId);
    order.put("placedAt", placedAt.toString());
    order.put("currency", currency);
    order.put("lines", lines);
    return order;
  }

  /**
   * An order in USD with a discount of {@code orderDiscount} (minor units) on the whole order,
   * which the service spreads over the lines.
   */
  public static Map<String, Object> discountedOrder(
      String orderId,
      String customerId,
      Instant placedAt,
      long orderDiscount,
      List<Map<String, Object>> lines) {
    Map<String, Object> order = order(orderId, customerId, placedAt, "USD", lines);
    order.put("orderDiscount", orderDiscount);
    return order;
  }

  public JsonNode recordOrder(Map<String, Object> order) {
    var payload = new OrderRecordProjectionRoot<>();
    orderFields(payload.order());
    payload.userErrors().field().message().code();
    return graphql
        .storefront(
            new GraphQLQueryRequest(
                OrderRecordGraphQLQuery.newRequest().inputReference("in").build(), payload),
            Map.of("in", order))
        .assertNoErrors()
        .data()
        .path("orderRecord");
  }

  /** The order as {@code order(id)} answers it, with the fields {@link #recordOrder} reads. */
  public JsonNode order(String orderId) {
    var order = new OrderProjectionRoot<>();
    orderFields(order);
    return graphql
        .storefront(
            new GraphQLQueryRequest(
                OrderGraphQLQuery.newRequest().idReference("id").build(), order),
            Map.of("id", orderId))
        .assertNoErrors()
        .data()
        .path("order");
  }

  // The two selections of an order are the same fields, so that a test can compare an order
  // recorded with the same order read back (the generated projections of a payload's order and
  // of the order query are different classes).
  private static void orderFields(OrderProjection<?, ?> order) {
    order.id().customerId().pointsEarned().pointsReversed();
    order.subtotal().amount().currency();
    order.rewardDiscount().amount();
    var line = order.lines().lineId().quantity().refundedQuantity().giftCard();
    line.paid().amount();
    line.orderDiscount().amount();
    line.receipt().ruleVersion().multiplier().points().reversedPoints().base().amount().currency();
  }

  private static void orderFields(OrderProjectionRoot<?, ?> order) {
    order.id().customerId().pointsEarned().pointsReversed();
    order.subtotal().amount().currency();
    order.rewardDiscount().amount();
    var line = order.lines().lineId().quantity().refundedQuantity().giftCard();
    line.paid().amount();
    line.orderDiscount().amount();
    line.receipt().ruleVersion().multiplier().points().reversedPoints().base().amount().currency();
  }

  /** Records a one-line order in USD and answers its id. */
  public String buy(String customerId, Instant placedAt, long unitPrice, int quantity) {
    String orderId = "o-" + UUID.randomUUID();
    JsonNode payload =
        recordOrder(
            order(
                orderId,
                customerId,
                placedAt,
                "USD",
                new ArrayList<>(List.of(line("l1", "SKU-1", "general", quantity, unitPrice)))));
    if (!payload.path("userErrors").isEmpty()) {
      throw new AssertionError("orderRecord refused: " + payload);
    }
    return orderId;
  }

  public JsonNode refundUnits(String refundId, String orderId, String lineId, int quantity) {
    return refund(
        Map.of(
            "id", refundId,
            "orderId", orderId,
            "lines", List.of(Map.of("lineId", lineId, "quantity", quantity))));
  }

  public JsonNode refund(Map<String, Object> input) {
    var payload = new OrderRefundProjectionRoot<>();
    var refund =
        payload
            .refund()
            .id()
            .orderId()
            .pointsReversed()
            .pointsCanceled()
            .pointsExpired()
            .shortfall();
    refund.lines().lineId().quantity().points();
    payload.userErrors().field().message().code();
    return graphql
        .storefront(
            new GraphQLQueryRequest(
                OrderRefundGraphQLQuery.newRequest().inputReference("in").build(), payload),
            Map.of("in", input))
        .assertNoErrors()
        .data()
        .path("orderRefund");
  }

  public JsonNode points(String customerId) {
    var customer = new CustomerProjectionRoot<>();
    var points = customer.loyalty().points().available().pending().lifetimeEarned();
    points.upcomingExpiries().expiresAt().points();
    points.expiringSoon().expiresAt().points();
    points.pendingReleases().availableAt().points();
    return graphql
        .storefront(
            new GraphQLQueryRequest(
                CustomerGraphQLQuery.newRequest().idReference("id").build(), customer),
            Map.of("id", customerId))
        .assertNoErrors()
        .data()
        .at("/customer/loyalty/points");
  }

  public JsonNode redeem(String customerId, String rewardId, String key) {
    var payload = new PointsRedeemProjectionRoot<>().pointsAvailable();
    var code = payload.discountCode().code();
    code.status();
    code.reward().id();
    payload.userErrors().field().message().code();
    return graphql
        .storefront(
            new GraphQLQueryRequest(
                PointsRedeemGraphQLQuery.newRequest().inputReference("in").build(), payload),
            Map.of(
                "in",
                Map.of("customerId", customerId, "rewardId", rewardId, "idempotencyKey", key)))
        .assertNoErrors()
        .data()
        .path("pointsRedeem");
  }

  public JsonNode consumeCode(String code, String orderId) {
    var payload = new DiscountCodeRedeemProjectionRoot<>();
    payload.discountCode().code().consumedOrderId().status();
    payload.userErrors().field().message().code();
    return graphql
        .storefront(
            new GraphQLQueryRequest(
                DiscountCodeRedeemGraphQLQuery.newRequest().inputReference("in").build(), payload),
            Map.of("in", Map.of("code", code, "orderId", orderId)))
        .assertNoErrors()
        .data()
        .path("discountCodeRedeem");
  }
}
