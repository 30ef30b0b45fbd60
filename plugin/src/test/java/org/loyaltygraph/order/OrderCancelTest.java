package org.loyaltygraph.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltygraph.testing.Storefront.discountedOrder;
import static org.loyaltygraph.testing.Storefront.line;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.points.AdjustmentService;
import org.loyaltygraph.points.EarningRulesService;
import org.loyaltygraph.points.Reward;
import org.loyaltygraph.points.RewardService;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.Ledger;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.loyaltygraph.testing.Storefront;
import org.loyaltygraph.testing.TestProgram;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** orderCancel: the rest of the order refunded and its rewards restored, once per order. */
@LoyaltyGraphTest
class OrderCancelTest {

  private static final String CANCEL =
      "mutation($in: OrderCancelInput!) { orderCancel(input: $in) {"
          + " order { id pointsEarned pointsReversed cancellation { canceledAt reason refundId } }"
          + " cancellation { canceledAt reason refundId } userErrors { field message code } } }";

  @Autowired GraphQLTestClient graphql;
  @Autowired MutableClock clock;
  @Autowired EarningRulesService rules;
  @Autowired RewardService rewards;
  @Autowired AdjustmentService adjustments;
  @Autowired JdbcClient jdbc;

  Storefront shop;

  @BeforeEach
  void setUp() {
    clock.set(Instant.parse("2026-08-10T12:00:00Z"));
    TestProgram.standard(rules);
    shop = new Storefront(graphql);
    rewards.create(
        new Reward(
            "cancel-5-off", "5 off", null, 50, Reward.Type.AMOUNT_OFF, 500L, "USD", null, true));
  }

  @AfterEach
  void standardProgram() {
    TestProgram.standard(rules);
  }

  private JsonNode cancel(String orderId, String reason) {
    Map<String, Object> in = new HashMap<>();
    in.put("orderId", orderId);
    in.put("reason", reason);
    return graphql.storefront(CANCEL, Map.of("in", in)).assertNoErrors().data().path("orderCancel");
  }

  @Test
  void aCancelSentThreeTimesCancelsThePendingPointsAndRestoresTheRewardOnce() {
    String customer = shop.newCustomer();
    adjustments.adjust(customer, 100, "welcome", "w-" + customer, "test");
    String orderId = "o-" + UUID.randomUUID();
    String code =
        shop.redeem(customer, "cancel-5-off", "k-" + orderId).at("/discountCode/code").asString();
    shop.consumeCode(code, orderId);
    shop.recordOrder(
        discountedOrder(
            orderId,
            customer,
            clock.instant(),
            500,
            List.of(line("1", "BAG", "bags", 2, 2000), line("2", "HAT", "hats", 1, 1500))));
    assertThat(shop.points(customer).path("pending").asLong()).isEqualTo(50);

    JsonNode first = cancel(orderId, "customer changed their mind");
    cancel(orderId, "customer changed their mind");
    JsonNode third = cancel(orderId, "customer changed their mind");

    assertThat(first.path("userErrors").isEmpty()).isTrue();
    assertThat(third.path("userErrors").isEmpty()).isTrue();
    assertThat(third.at("/order/pointsReversed").asLong())
        .isEqualTo(third.at("/order/pointsEarned").asLong());
    assertThat(third.at("/cancellation/refundId").asString()).isEqualTo("cancel:" + orderId);
    assertThat(third.at("/order/cancellation/reason").asString())
        .isEqualTo("customer changed their mind");
    JsonNode points = shop.points(customer);
    assertThat(points.path("pending").asLong()).as("pending points canceled").isZero();
    assertThat(points.path("available").asLong()).as("the 50 spent come back once").isEqualTo(100);
    assertThat(new Ledger(jdbc).codeStatus(code)).isEqualTo("RESTORED");
    assertThat(tierSpend(customer)).as("no tier credit is left for the order").isZero();
    new Ledger(jdbc).assertConsistent(customer);
  }

  @Test
  void aCancelAfterAPartialRefundTakesBackOnlyTheRest() {
    String customer = shop.newCustomer();
    String orderId = shop.buy(customer, clock.instant(), 1000, 3);
    shop.refundUnits("r-" + orderId, orderId, "l1", 1);

    JsonNode canceled = cancel(orderId, null);

    assertThat(canceled.path("userErrors").isEmpty()).isTrue();
    assertThat(canceled.at("/order/pointsReversed").asLong())
        .isEqualTo(canceled.at("/order/pointsEarned").asLong());
    long refunds =
        jdbc.sql("SELECT COUNT(*) FROM order_refund WHERE order_id = ?")
            .param(orderId)
            .query(Long.class)
            .single();
    assertThat(refunds).isEqualTo(2);
    new Ledger(jdbc).assertConsistent(customer);
  }

  @Test
  void aCancelOfAnOrderRefundedInFullRecordsNoSecondRefund() {
    String customer = shop.newCustomer();
    String orderId = shop.buy(customer, clock.instant(), 1000, 1);
    shop.refundUnits("r-" + orderId, orderId, "l1", 1);

    JsonNode canceled = cancel(orderId, null);

    assertThat(canceled.path("userErrors").isEmpty()).isTrue();
    assertThat(canceled.at("/cancellation/refundId").isNull()).isTrue();
    assertThat(canceled.at("/order/cancellation/canceledAt").asString())
        .isEqualTo("2026-08-10T12:00:00Z");
  }

  @Test
  void theSameOrderCanceledWithAnotherReasonIsRefusedAndChangesNothing() {
    String customer = shop.newCustomer();
    String orderId = shop.buy(customer, clock.instant(), 1000, 1);
    cancel(orderId, "fraud");

    JsonNode again = cancel(orderId, "out of stock");

    assertThat(again.at("/userErrors/0/code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    assertThat(again.path("order").isNull()).isTrue();
    assertThat(
            jdbc.sql("SELECT reason FROM order_cancellation WHERE order_id = ?")
                .param(orderId)
                .query(String.class)
                .single())
        .isEqualTo("fraud");
  }

  @Test
  void anUnknownOrderIsRefusedAndNothingIsWritten() {
    String orderId = "o-" + UUID.randomUUID();

    JsonNode refused = cancel(orderId, null);

    assertThat(refused.at("/userErrors/0/code").asString()).isEqualTo("UNKNOWN_ORDER");
    assertThat(refused.at("/userErrors/0/field/1").asString()).isEqualTo("orderId");
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM order_cancellation WHERE order_id = ?")
                .param(orderId)
                .query(Long.class)
                .single())
        .isZero();
  }

  private long tierSpend(String customer) {
    return jdbc.sql("SELECT COALESCE(SUM(spend_delta), 0) FROM tier_activity WHERE customer_id = ?")
        .param(customer)
        .query(Long.class)
        .single();
  }
}
