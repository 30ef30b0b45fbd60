package org.loyaltygraph.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltygraph.testing.Storefront.discountedOrder;
import static org.loyaltygraph.testing.Storefront.line;
import static org.loyaltygraph.testing.Storefront.order;

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
import org.loyaltygraph.points.RewardRestorePolicy;
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

/** A reward used on an order that is then refunded in full comes back, exactly once. */
@LoyaltyGraphTest
class RewardRestoreTest {

  @Autowired GraphQLTestClient graphql;
  @Autowired MutableClock clock;
  @Autowired EarningRulesService rules;
  @Autowired RewardService rewards;
  @Autowired AdjustmentService adjustments;
  @Autowired JdbcClient jdbc;

  Storefront shop;

  @BeforeEach
  void setUp() {
    clock.set(Instant.parse("2026-07-20T12:00:00Z"));
    TestProgram.standard(rules);
    shop = new Storefront(graphql);
    rewards.create(
        new Reward(
            "restore-5-off", "5 off", null, 50, Reward.Type.AMOUNT_OFF, 500L, "USD", null, true));
  }

  @AfterEach
  void standardProgram() {
    TestProgram.standard(rules);
  }

  /** A customer with 100 points pays part of order {@code orderId} with a 50-point reward. */
  private String payPartlyWithPoints(String customer, String orderId) {
    adjustments.adjust(customer, 100, "welcome", "w-" + customer, "test");
    String code =
        shop.redeem(customer, "restore-5-off", "k-" + orderId).at("/discountCode/code").asString();
    assertThat(shop.consumeCode(code, orderId).path("userErrors").isEmpty()).isTrue();
    Map<String, Object> o =
        discountedOrder(
            orderId, customer, clock.instant(), 500, List.of(line("1", "BAG", "bags", 1, 4000)));
    assertThat(shop.recordOrder(o).path("userErrors").isEmpty()).isTrue();
    return code;
  }

  @Test
  void aFullRefundSentThreeTimesGivesThePointsBackOnce() {
    String customer = shop.newCustomer();
    String orderId = "o-" + UUID.randomUUID();
    String code = payPartlyWithPoints(customer, orderId);
    assertThat(shop.points(customer).path("available").asLong()).isEqualTo(50);

    for (int i = 0; i < 3; i++) {
      shop.refundUnits("r-" + orderId, orderId, "1", 1);
    }

    assertThat(shop.points(customer).path("available").asLong()).isEqualTo(100);
    assertThat(new Ledger(jdbc).codeStatus(code)).isEqualTo("RESTORED");
    new Ledger(jdbc).assertConsistent(customer);
  }

  @Test
  void aPartialRefundLeavesTheRewardUsed() {
    String customer = shop.newCustomer();
    String orderId = "o-" + UUID.randomUUID();
    Map<String, Object> o =
        new HashMap<>(
            order(
                orderId,
                customer,
                clock.instant(),
                "USD",
                List.of(line("1", "BAG", "bags", 2, 2000))));
    adjustments.adjust(customer, 100, "welcome", "w-" + customer, "test");
    String code =
        shop.redeem(customer, "restore-5-off", "k-" + orderId).at("/discountCode/code").asString();
    shop.consumeCode(code, orderId);
    shop.recordOrder(o);

    shop.refundUnits("r-" + orderId, orderId, "1", 1);

    assertThat(shop.points(customer).path("available").asLong()).isEqualTo(50);
    assertThat(new Ledger(jdbc).codeStatus(code)).isEqualTo("CONSUMED");
  }

  @Test
  void underReactivateCodeTheCodeWorksAgainOnAnotherOrder() {
    TestProgram.standard(rules, RewardRestorePolicy.REACTIVATE_CODE);
    String customer = shop.newCustomer();
    String orderId = "o-" + UUID.randomUUID();
    String code = payPartlyWithPoints(customer, orderId);

    shop.refundUnits("r-" + orderId, orderId, "1", 1);
    JsonNode again = shop.consumeCode(code, "o2-" + orderId);

    assertThat(again.path("userErrors").isEmpty()).isTrue();
    assertThat(shop.points(customer).path("available").asLong())
        .as("no points back: the code is")
        .isEqualTo(50);
  }
}
