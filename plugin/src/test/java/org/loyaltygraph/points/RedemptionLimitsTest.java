package org.loyaltygraph.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.security.Role;
import org.loyaltygraph.testing.AdminSessions;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.Ledger;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.loyaltygraph.testing.Storefront;
import org.loyaltygraph.testing.TestProgram;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Limits on what one order may take from rewards, checked when the storefront consumes a code. */
@LoyaltyGraphTest
class RedemptionLimitsTest {

  @Autowired GraphQLTestClient graphql;
  @Autowired MutableClock clock;
  @Autowired EarningRulesService rules;
  @Autowired RewardService rewards;
  @Autowired AdjustmentService adjustments;
  @Autowired JdbcClient jdbc;
  @Autowired AdminSessions admins;

  Storefront shop;
  Ledger ledger;
  String customer;

  @AfterEach
  void standardProgram() {
    TestProgram.standard(rules);
  }

  @BeforeEach
  void setUp() {
    clock.set(Instant.parse("2026-08-10T12:00:00Z"));
    TestProgram.standard(rules);
    shop = new Storefront(graphql);
    ledger = new Ledger(jdbc);
    customer = shop.newCustomer();
    adjustments.adjust(customer, 1000, "welcome", "w-" + customer, "test");
  }

  private String reward(long cost, long amountOff, Long maxPoints, Integer maxShare) {
    String id = "lim-" + UUID.randomUUID().toString().substring(0, 8);
    var result =
        rewards.create(
            new Reward(
                id,
                "off",
                null,
                cost,
                Reward.Type.AMOUNT_OFF,
                amountOff,
                "USD",
                null,
                true,
                maxPoints,
                maxShare));
    assertThat(result.userErrors()).isEmpty();
    return id;
  }

  private String code(String rewardId) {
    return shop.redeem(customer, rewardId, UUID.randomUUID().toString())
        .at("/discountCode/code")
        .asString();
  }

  private JsonNode consume(String code, String orderId, Long subtotal) {
    Map<String, Object> in = new HashMap<>();
    in.put("code", code);
    in.put("orderId", orderId);
    if (subtotal != null) {
      in.put("orderSubtotal", Map.of("amount", subtotal, "currency", "USD"));
    }
    return graphql
        .storefront(
            "mutation($in: DiscountCodeRedeemInput!) { discountCodeRedeem(input: $in) { discountCode { status }"
                + " userErrors { field code } } }",
            Map.of("in", in))
        .assertNoErrors()
        .data()
        .path("discountCodeRedeem");
  }

  private long lockRows(String orderId) {
    return jdbc.sql("SELECT COUNT(*) FROM discount_code_order WHERE order_id = ?")
        .param(orderId)
        .query(Long.class)
        .single();
  }

  @Test
  void aRewardsPointsLimitStopsASecondRewardOnTheSameOrder() {
    String limited = reward(50, 500, 60L, null);
    String first = code(limited);
    String second = code(limited);
    String order = "o-" + UUID.randomUUID();

    assertThat(consume(first, order, null).path("userErrors").isEmpty()).isTrue();
    JsonNode refused = consume(second, order, null);

    assertThat(refused.at("/userErrors/0/code").asString()).isEqualTo("ORDER_POINTS_LIMIT");
    assertThat(ledger.codeStatus(second)).as("a refused code stays usable").isEqualTo("ISSUED");
    assertThat(lockRows(order)).as("the lock row of the first code's order stays").isOne();
    assertThat(consume(second, "o-" + UUID.randomUUID(), null).path("userErrors").isEmpty())
        .isTrue();
  }

  @Test
  void aRefusedCodeLeavesNoLockRowForAnOrderThatConsumedNone() {
    String limited = reward(50, 500, null, 10);
    String order = "o-" + UUID.randomUUID();

    assertThat(consume(code(limited), order, 4000L).at("/userErrors/0/code").asString())
        .isEqualTo("ORDER_SHARE_LIMIT");

    assertThat(lockRows(order)).isZero();
  }

  @Test
  void aShareLimitNeedsTheOrderValueAndKeepsRewardsUnderIt() {
    String limited = reward(50, 500, null, 10);
    String code = code(limited);
    String order = "o-" + UUID.randomUUID();

    assertThat(consume(code, order, null).at("/userErrors/0/code").asString())
        .isEqualTo("REQUIRED");
    assertThat(consume(code, order, 4000L).at("/userErrors/0/code").asString())
        .isEqualTo("ORDER_SHARE_LIMIT");
    assertThat(ledger.codeStatus(code)).isEqualTo("ISSUED");
    assertThat(consume(code, order, 5000L).path("userErrors").isEmpty()).isTrue();
    assertThat(ledger.codeStatus(code)).isEqualTo("CONSUMED");
  }

  @Test
  void badLimitsOnARewardAreRefused() {
    var result =
        rewards.create(
            new Reward(
                "lim-bad",
                "x",
                null,
                10,
                Reward.Type.FREE_SHIPPING,
                null,
                null,
                null,
                true,
                0L,
                101));
    assertThat(result.userErrors()).extracting(e -> e.code()).containsExactly("INVALID", "INVALID");
  }

  private JsonNode updateRewardLimits(Map<String, Object> limits) {
    return graphql
        .send(
            admins.bearer(Role.MANAGER),
            "mutation($in: EarningRulesUpdateInput!) { earningRulesUpdate(input: $in) {"
                + " earningRules { version rewardLimits { maxPointsPerOrder maxRewardSharePercent } }"
                + " userErrors { field code } } }",
            Map.of("in", Map.of("rewardLimits", limits)))
        .assertNoErrors()
        .data()
        .path("earningRulesUpdate");
  }

  @Test
  void theProgramsLimitsAreVersionedRulesThatAnAdminChanges() {
    String plain = reward(50, 500, null, null);
    JsonNode updated = updateRewardLimits(Map.of("maxPointsPerOrder", 80));
    assertThat(updated.at("/earningRules/rewardLimits/maxPointsPerOrder").asLong()).isEqualTo(80);
    assertThat(updated.at("/earningRules/rewardLimits/maxRewardSharePercent").isNull()).isTrue();
    String order = "o-" + UUID.randomUUID();
    assertThat(consume(code(plain), order, null).path("userErrors").isEmpty()).isTrue();

    assertThat(consume(code(plain), order, null).at("/userErrors/0/code").asString())
        .isEqualTo("ORDER_POINTS_LIMIT");

    JsonNode lifted = updateRewardLimits(Map.of());
    assertThat(lifted.at("/earningRules/rewardLimits/maxPointsPerOrder").isNull()).isTrue();
    assertThat(consume(code(plain), order, null).path("userErrors").isEmpty()).isTrue();
  }

  @Test
  void badProgramLimitsAreRefusedAndChangeNothing() {
    int before = rules.current().version();

    JsonNode refused =
        updateRewardLimits(Map.of("maxPointsPerOrder", 0, "maxRewardSharePercent", 101));

    assertThat(refused.path("userErrors"))
        .extracting(e -> e.at("/field/2").asString())
        .containsExactly("maxPointsPerOrder", "maxRewardSharePercent");
    assertThat(rules.current().version()).isEqualTo(before);
  }

  @Test
  void twoCodesForOneOrderAtTheSameInstantNeverBothPassTheLimit() throws Exception {
    String limited = reward(50, 500, 60L, null);
    adjustments.adjust(customer, 1000, "more", "m-" + customer, "test");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 15; round++) {
        String order = "o-" + UUID.randomUUID();
        List<String> pair = List.of(code(limited), code(limited));
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<JsonNode>> results = new ArrayList<>();
        for (String c : pair) {
          results.add(
              pool.submit(
                  () -> {
                    together.await();
                    return consume(c, order, null);
                  }));
        }
        int consumed = 0;
        for (Future<JsonNode> r : results) {
          consumed += r.get().path("userErrors").isEmpty() ? 1 : 0;
        }
        assertThat(consumed).as("codes consumed on order %s", order).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
