package org.loyaltygraph.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * What a storefront server sends, over real HTTP: customers, orders, refunds, redemptions. Each
 * method answers the mutation's payload.
 */
public class Storefront {

  public static final String ORDER_FIELDS =
      "id customerId pointsEarned pointsReversed subtotal { amount currency } rewardDiscount { amount }"
          + " lines { lineId quantity refundedQuantity paid { amount } orderDiscount { amount } giftCard"
          + " receipt { ruleVersion base { amount currency } multiplier points reversedPoints } }";
  public static final String REFUND_FIELDS =
      "id orderId pointsReversed pointsCanceled pointsExpired shortfall lines { lineId quantity points }";

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
                "mutation($in: CustomerUpsertInput!) { customerUpsert(input: $in) { userErrors { code } } }",
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

  public JsonNode recordOrder(Map<String, Object> order) {
    return graphql
        .storefront(
            "mutation($in: OrderRecordInput!) { orderRecord(input: $in) { order { "
                + ORDER_FIELDS
                + " } userErrors { field message code } } }",
            Map.of("in", order))
        .assertNoErrors()
        .data()
        .path("orderRecord");
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
    return graphql
        .storefront(
            "mutation($in: OrderRefundInput!) { orderRefund(input: $in) { refund { "
                + REFUND_FIELDS
                + " } userErrors { field message code } } }",
            Map.of("in", input))
        .assertNoErrors()
        .data()
        .path("orderRefund");
  }

  public JsonNode points(String customerId) {
    return graphql
        .storefront(
            "query($id: ID!) { customer(id: $id) { loyalty { points { available pending lifetimeEarned"
                + " upcomingExpiries { expiresAt points } expiringSoon { expiresAt points }"
                + " pendingReleases { availableAt points } } } } }",
            Map.of("id", customerId))
        .assertNoErrors()
        .data()
        .at("/customer/loyalty/points");
  }

  public JsonNode redeem(String customerId, String rewardId, String key) {
    return graphql
        .storefront(
            "mutation($in: PointsRedeemInput!) { pointsRedeem(input: $in) { discountCode { code status"
                + " reward { id } } pointsAvailable userErrors { field message code } } }",
            Map.of(
                "in",
                Map.of("customerId", customerId, "rewardId", rewardId, "idempotencyKey", key)))
        .assertNoErrors()
        .data()
        .path("pointsRedeem");
  }

  public JsonNode consumeCode(String code, String orderId) {
    return graphql
        .storefront(
            "mutation($in: DiscountCodeRedeemInput!) { discountCodeRedeem(input: $in) {"
                + " discountCode { code status consumedOrderId } userErrors { field message code } } }",
            Map.of("in", Map.of("code", code, "orderId", orderId)))
        .assertNoErrors()
        .data()
        .path("discountCodeRedeem");
  }
}
