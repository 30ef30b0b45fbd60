package org.loyaltygraph.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltygraph.testing.Storefront.line;
import static org.loyaltygraph.testing.Storefront.order;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.Concurrently;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.Ledger;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.loyaltygraph.testing.Storefront;
import org.loyaltygraph.testing.TestProgram;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Concurrent storefront calls over real HTTP against one database. */
@LoyaltyGraphTest
class ConcurrencyTest {

  @Autowired GraphQLTestClient graphql;
  @Autowired MutableClock clock;
  @Autowired EarningRulesService rules;
  @Autowired AdjustmentService adjustments;
  @Autowired RewardService rewards;
  @Autowired JdbcClient jdbc;

  Storefront shop;
  Ledger ledger;

  @BeforeEach
  void setUp() {
    clock.set(Instant.parse("2026-05-01T10:00:00Z"));
    TestProgram.standard(rules);
    shop = new Storefront(graphql);
    ledger = new Ledger(jdbc);
  }

  @Test
  void theSameOrderSentAThousandTimesFromSixteenThreadsAwardsItsPointsOnce() throws Exception {
    String customer = shop.newCustomer();
    Map<String, Object> order =
        order(
            "o-" + UUID.randomUUID(),
            customer,
            clock.instant(),
            "USD",
            List.of(line("a", "TV", "tech", 1, 49_999)));

    List<JsonNode> answers = Concurrently.all(16, 1000, i -> shop.recordOrder(order));

    assertThat(answers).allSatisfy(a -> assertThat(a.path("userErrors").isEmpty()).isTrue());
    assertThat(answers).extracting(a -> a.at("/order/pointsEarned").asLong()).containsOnly(499L);
    assertThat(ledger.lots(customer)).isEqualTo(1);
    assertThat(shop.points(customer).path("pending").asLong()).isEqualTo(499);
    ledger.assertConsistent(customer);
  }

  @Test
  void aHundredConcurrentRedemptionsAgainstABalanceForTenLetExactlyTenThrough() throws Exception {
    String customer = shop.newCustomer();
    rewards.create(
        new Reward(
            "ten-points",
            "Ten points",
            null,
            10,
            Reward.Type.FREE_SHIPPING,
            null,
            null,
            null,
            true));
    adjustments.adjust(customer, 100, "welcome", "welcome-" + customer, "test");

    // one thread per call: all 100 requests are in the server at once (Tomcat's default 200
    // request threads; the HTTP client opens a connection per request). At most 20 of them hold a
    // database connection at a time (Hikari's pool, LOYALTYGRAPH_DB_POOL); the rest wait for one,
    // as real concurrent requests would, and all 100 contend for the customer's balance row.
    List<JsonNode> answers =
        Concurrently.all(100, 100, i -> shop.redeem(customer, "ten-points", "k-" + i));

    long succeeded = answers.stream().filter(a -> a.path("userErrors").isEmpty()).count();
    assertThat(succeeded).isEqualTo(10);
    assertThat(answers.stream().filter(a -> !a.path("userErrors").isEmpty()))
        .allSatisfy(
            a ->
                assertThat(a.at("/userErrors/0/code").asString()).isEqualTo("INSUFFICIENT_POINTS"));
    assertThat(
            answers.stream()
                .filter(a -> a.path("userErrors").isEmpty())
                .map(a -> a.at("/discountCode/code").asString())
                .distinct())
        .hasSize(10);
    assertThat(ledger.balance(customer)).isZero();
    ledger.assertConsistent(customer);
  }

  @Test
  void oneDiscountCodeConsumedFromTwentyThreadsSucceedsExactlyOnce() throws Exception {
    String customer = shop.newCustomer();
    rewards.create(
        new Reward("five-off", "5 off", null, 50, Reward.Type.AMOUNT_OFF, 500L, "USD", null, true));
    adjustments.adjust(customer, 50, "welcome", "welcome-" + customer, "test");
    String code = shop.redeem(customer, "five-off", "once").at("/discountCode/code").asString();

    List<JsonNode> answers = Concurrently.all(20, 20, i -> shop.consumeCode(code, "checkout-" + i));

    assertThat(answers.stream().filter(a -> a.path("userErrors").isEmpty())).hasSize(1);
    assertThat(answers.stream().filter(a -> !a.path("userErrors").isEmpty()))
        .hasSize(19)
        .allSatisfy(
            a -> assertThat(a.at("/userErrors/0/code").asString()).isEqualTo("CODE_ALREADY_USED"));
    JsonNode winner =
        answers.stream().filter(a -> a.path("userErrors").isEmpty()).findFirst().orElseThrow();
    assertThat(
            shop.consumeCode(code, winner.at("/discountCode/consumedOrderId").asString())
                .path("userErrors")
                .isEmpty())
        .as("the winning order may replay its checkout")
        .isTrue();
  }
}
