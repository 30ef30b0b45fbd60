package org.loyaltygraph.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltygraph.testing.Storefront.discountedOrder;
import static org.loyaltygraph.testing.Storefront.line;
import static org.loyaltygraph.testing.Storefront.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

/** An order that used loyalty rewards earns on what was paid after them (1 point per 1.00). */
@LoyaltyGraphTest
class OrderRewardCodesTest {

  @Autowired GraphQLTestClient graphql;
  @Autowired MutableClock clock;
  @Autowired EarningRulesService rules;
  @Autowired RewardService rewards;
  @Autowired AdjustmentService adjustments;
  @Autowired JdbcClient jdbc;

  Storefront shop;
  String customer;

  @BeforeEach
  void setUp() {
    clock.set(Instant.parse("2026-09-01T10:00:00Z"));
    TestProgram.standard(rules);
    shop = new Storefront(graphql);
    customer = shop.newCustomer();
    adjustments.adjust(customer, 500, "welcome", "w-" + customer, "test");
    rewards.create(
        new Reward(
            "codes-5-off", "5 off", null, 50, Reward.Type.AMOUNT_OFF, 500L, "USD", null, true));
    rewards.create(
        new Reward(
            "codes-10-pct", "10 % off", null, 80, Reward.Type.PERCENT_OFF, null, null, 10, true));
    rewards.create(
        new Reward(
            "codes-capped",
            "5 off, one per order",
            null,
            50,
            Reward.Type.AMOUNT_OFF,
            500L,
            "USD",
            null,
            true,
            60L,
            null));
  }

  @AfterEach
  void standardProgram() {
    TestProgram.standard(rules);
  }

  private String code(String rewardId) {
    return shop.redeem(customer, rewardId, UUID.randomUUID().toString())
        .at("/discountCode/code")
        .asString();
  }

  private Map<String, Object> cart(String orderId, String currency, long unitPrice) {
    return new HashMap<>(
        order(
            orderId,
            customer,
            clock.instant(),
            currency,
            List.of(line("1", "BAG", "bags", 1, unitPrice))));
  }

  @Test
  void anAmountOffRewardIsTakenOffWhatTheOrderEarnsOn() {
    String code = code("codes-5-off");
    String orderId = "o-" + UUID.randomUUID();
    Map<String, Object> order = cart(orderId, "USD", 4000);
    order.put("rewardCodes", List.of(code));

    JsonNode recorded = shop.recordOrder(order);

    assertThat(recorded.path("userErrors").isEmpty()).isTrue();
    assertThat(recorded.at("/order/rewardDiscount/amount").asLong()).isEqualTo(500);
    assertThat(recorded.at("/order/lines/0/paid/amount").asLong()).isEqualTo(3500);
    assertThat(recorded.at("/order/pointsEarned").asLong())
        .as("35.00 paid, not 40.00")
        .isEqualTo(35);
    assertThat(consumedOn(code)).isEqualTo(orderId);
    new Ledger(jdbc).assertConsistent(customer);
  }

  @Test
  void aPercentRewardTakesItsShareOfTheGoodsAfterTheStorefrontsDiscounts() {
    String code = code("codes-10-pct");
    Map<String, Object> order =
        discountedOrder(
            "o-" + UUID.randomUUID(),
            customer,
            clock.instant(),
            1000,
            List.of(line("1", "BAG", "bags", 2, 3000), line("2", "HAT", "hats", 1, 2000)));
    order.put("rewardCodes", List.of(code));

    JsonNode recorded = shop.recordOrder(order);

    // goods 8000 - coupon 1000 = 7000; 10 % of it is 700; 6300 paid earns 63
    assertThat(recorded.at("/order/rewardDiscount/amount").asLong()).isEqualTo(700);
    assertThat(recorded.at("/order/subtotal/amount").asLong()).isEqualTo(6300);
    assertThat(recorded.at("/order/pointsEarned").asLong()).isEqualTo(63);
  }

  @Test
  void aCodeConsumedAtCheckoutAndNamedByTheOrderIsUsedOnceAndAReplayChangesNothing() {
    String code = code("codes-5-off");
    String orderId = "o-" + UUID.randomUUID();
    assertThat(shop.consumeCode(code, orderId).path("userErrors").isEmpty()).isTrue();
    Map<String, Object> order = cart(orderId, "USD", 4000);
    order.put("rewardCodes", List.of(code));

    JsonNode first = shop.recordOrder(order);
    JsonNode replay = shop.recordOrder(order);

    assertThat(first.at("/order/pointsEarned").asLong()).isEqualTo(35);
    assertThat(replay.path("userErrors").isEmpty()).isTrue();
    assertThat(replay.at("/order/pointsEarned").asLong()).isEqualTo(35);
    assertThat(shop.points(customer).path("pending").asLong()).isEqualTo(35);
  }

  @Test
  void theSameCartInEurosWithARewardInDollarsEarnsWhatItEarnsInDollars() {
    Map<String, Object> inDollars = cart("o-" + UUID.randomUUID(), "USD", 4000);
    inDollars.put("rewardCodes", List.of(code("codes-5-off")));
    Map<String, Object> inEuros = cart("o-" + UUID.randomUUID(), "EUR", 3200);
    inEuros.put("exchangeRate", "1.25");
    inEuros.put("rewardCodes", List.of(code("codes-5-off")));

    JsonNode dollars = shop.recordOrder(inDollars);
    JsonNode euros = shop.recordOrder(inEuros);

    assertThat(euros.at("/order/rewardDiscount/amount").asLong())
        .as("5 USD at 1.25")
        .isEqualTo(400);
    assertThat(euros.at("/order/pointsEarned").asLong())
        .isEqualTo(dollars.at("/order/pointsEarned").asLong())
        .isEqualTo(35);
  }

  @Test
  void aRewardConvertedToTheOrdersCurrencyIsRoundedUpSoNoneOfItEarns() {
    Map<String, Object> inYen = cart("o-" + UUID.randomUUID(), "JPY", 6000);
    inYen.put("exchangeRate", "0.0067");
    inYen.put("rewardCodes", List.of(code("codes-5-off")));

    JsonNode recorded = shop.recordOrder(inYen);

    // 5.00 USD at 0.0067 USD per yen is 746.27 yen: 747 come off, not 746
    assertThat(recorded.at("/order/rewardDiscount/amount").asLong()).isEqualTo(747);
    assertThat(recorded.at("/order/subtotal/amount").asLong()).isEqualTo(6000 - 747);
  }

  @Test
  void aCodeUsedOnAnotherOrderRefusesTheOrderAndWritesNothing() {
    String code = code("codes-5-off");
    shop.consumeCode(code, "o-elsewhere-" + UUID.randomUUID());
    String orderId = "o-" + UUID.randomUUID();
    Map<String, Object> order = cart(orderId, "USD", 4000);
    order.put("rewardCodes", List.of(code));

    JsonNode refused = shop.recordOrder(order);

    assertThat(refused.at("/userErrors/0/code").asString()).isEqualTo("CODE_ALREADY_USED");
    assertThat(refused.at("/userErrors/0/field").toString())
        .isEqualTo("[\"input\",\"rewardCodes\",\"0\"]");
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM customer_order WHERE id = ?")
                .param(orderId)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void whenTheSecondCodeIsRefusedTheFirstIsNotConsumedEither() {
    String good = code("codes-5-off");
    String orderId = "o-" + UUID.randomUUID();
    Map<String, Object> order = cart(orderId, "USD", 4000);
    order.put("rewardCodes", List.of(good, "LG-NOPE-NOPE-NOPE"));

    JsonNode refused = shop.recordOrder(order);

    assertThat(refused.at("/userErrors/0/code").asString()).isEqualTo("UNKNOWN_CODE");
    assertThat(consumedOn(good)).isNull();
  }

  private String consumedOn(String code) {
    return jdbc.sql("SELECT consumed_order_id FROM discount_code WHERE code = ?")
        .param(code)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  @Test
  void aCodeRefusedInsideTheOrdersTransactionLeavesTheCodesBeforeItUnused() {
    String first = code("codes-capped");
    String second = code("codes-capped");
    Map<String, Object> order = cart("o-" + UUID.randomUUID(), "USD", 4000);
    order.put("rewardCodes", List.of(first, second));

    JsonNode refused = shop.recordOrder(order);

    assertThat(refused.at("/userErrors/0/code").asString()).isEqualTo("ORDER_POINTS_LIMIT");
    assertThat(refused.at("/userErrors/0/field/2").asString()).isEqualTo("1");
    assertThat(consumedOn(first)).as("consumed, then rolled back with the order").isNull();
  }

  @Test
  void theSameOrderWithACodeSentFromEightThreadsIsRecordedAndUsesTheCodeOnce() throws Exception {
    // a reward capped at one per order: a copy that counted the code twice would refuse itself
    String code = code("codes-capped");
    String orderId = "o-" + UUID.randomUUID();
    Map<String, Object> order = cart(orderId, "USD", 4000);
    order.put("rewardCodes", List.of(code));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<JsonNode>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(pool.submit(() -> shop.recordOrder(order)));
      }
      for (Future<JsonNode> answer : answers) {
        JsonNode a = answer.get();
        assertThat(a.path("userErrors").isEmpty()).as(a.toString()).isTrue();
        assertThat(a.at("/order/pointsEarned").asLong()).isEqualTo(35);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(consumedOn(code)).isEqualTo(orderId);
    assertThat(shop.points(customer).path("pending").asLong()).isEqualTo(35);
    new Ledger(jdbc).assertConsistent(customer);
  }
}
