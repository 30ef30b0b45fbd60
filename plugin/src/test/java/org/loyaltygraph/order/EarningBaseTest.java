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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.points.EarningRulesService;
import org.loyaltygraph.points.NegativeBalancePolicy;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.loyaltygraph.testing.Storefront;
import org.loyaltygraph.testing.TestProgram;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** What points are earned on: what the customer really paid, by the stated chain of rounding. */
@LoyaltyGraphTest
class EarningBaseTest {

  @Autowired GraphQLTestClient graphql;
  @Autowired MutableClock clock;
  @Autowired EarningRulesService rules;

  Storefront shop;
  String customer;

  @BeforeEach
  void setUp() {
    clock.set(Instant.parse("2026-09-01T10:00:00Z"));
    TestProgram.standard(rules);
    shop = new Storefront(graphql);
    customer = shop.newCustomer();
  }

  private void rules(
      long pointsPerStep,
      long stepAmount,
      long minimum,
      boolean shipping,
      boolean tax,
      boolean giftCards) {
    var result =
        rules.update(
            new EarningRulesService.RulesChange(
                pointsPerStep,
                stepAmount,
                14,
                365,
                null,
                30,
                NegativeBalancePolicy.STOP_AT_ZERO,
                List.of(),
                minimum,
                shipping,
                tax,
                giftCards,
                "UTC",
                null,
                null));
    assertThat(result.userErrors()).isEmpty();
  }

  private JsonNode record(Map<String, Object> extra, List<Map<String, Object>> lines) {
    Map<String, Object> o =
        new HashMap<>(order("o-" + UUID.randomUUID(), customer, clock.instant(), "USD", lines));
    o.putAll(extra);
    JsonNode payload = shop.recordOrder(o);
    assertThat(payload.path("userErrors").isEmpty()).as(payload.toString()).isTrue();
    return payload.path("order");
  }

  @Test
  void aTenPercentCouponOnSevenThousandAtOnePointPerTenEarns630Not700() {
    rules(1, 1000, 0, false, false, false);

    JsonNode order =
        record(
            Map.of("orderDiscount", 70_000),
            List.of(line("a", "SOFA", "home", 1, 500_000), line("b", "LAMP", "home", 2, 100_000)));

    assertThat(order.path("pointsEarned").asLong()).isEqualTo(630);
    assertThat(order.at("/subtotal/amount").asLong()).isEqualTo(630_000);
    assertThat(order.at("/lines/0/paid/amount").asLong()).isEqualTo(450_000);
    assertThat(order.at("/lines/1/paid/amount").asLong()).isEqualTo(180_000);
    assertThat(order.at("/lines/0/receipt/base/amount").asLong()).isEqualTo(450_000);
  }

  @Test
  void fivePointsPerTwoFiftyOnAnOrderOfThreeEarnsFiveNotSix() {
    rules(5, 250, 0, false, false, false);

    JsonNode order = record(Map.of(), List.of(line("a", "PEN", "office", 1, 300)));

    assertThat(order.path("pointsEarned").asLong()).isEqualTo(5);
  }

  @Test
  void shippingTaxAndGiftCardsEarnNothingUnlessTheRulesSaySo() {
    Map<String, Object> giftCard = line("g", "GIFT-50", "gift-cards", 1, 5000);
    giftCard.put("giftCard", true);
    List<Map<String, Object>> lines = List.of(line("a", "TEE", "apparel", 1, 2000), giftCard);
    Map<String, Object> charges = Map.of("shipping", 500, "tax", 400);

    JsonNode byDefault = record(charges, lines);
    rules(1, 100, 0, true, true, true);
    JsonNode everything = record(charges, lines);

    assertThat(byDefault.path("pointsEarned").asLong()).isEqualTo(20);
    assertThat(byDefault.at("/lines/1/receipt/points").asLong()).isZero();
    assertThat(byDefault.at("/lines/1/giftCard").asBoolean()).isTrue();
    assertThat(everything.path("pointsEarned").asLong()).isEqualTo(20 + 50 + 5 + 4);
  }

  @Test
  void anOrderBelowTheMinimumSubtotalEarnsNothing() {
    rules(1, 100, 2500, false, false, false);

    JsonNode small = record(Map.of(), List.of(line("a", "TEE", "apparel", 1, 2499)));
    JsonNode enough = record(Map.of(), List.of(line("a", "TEE", "apparel", 1, 2500)));

    assertThat(small.path("pointsEarned").asLong()).isZero();
    assertThat(enough.path("pointsEarned").asLong()).isEqualTo(25);
  }

  @Test
  void aRefundOfADiscountedLineTakesBackWhatThatLineEarnedAfterTheDiscount() {
    String orderId = "o-" + UUID.randomUUID();
    Map<String, Object> o =
        discountedOrder(
            orderId,
            customer,
            clock.instant(),
            1000,
            List.of(line("a", "A", null, 1, 6000), line("b", "B", null, 1, 4000)));
    JsonNode order = shop.recordOrder(o).path("order");
    assertThat(order.at("/lines/0/orderDiscount/amount").asLong()).isEqualTo(600);
    assertThat(order.path("pointsEarned").asLong()).isEqualTo(90);

    JsonNode refund = shop.refundUnits("r-" + orderId, orderId, "a", 1).path("refund");

    assertThat(refund.path("pointsCanceled").asLong())
        .isEqualTo(order.at("/lines/0/receipt/points").asLong());
    assertThat(refund.path("pointsCanceled").asLong()).isEqualTo(54);
  }

  @Test
  void anOrderDiscountAboveTheLinesIsRefused() {
    Map<String, Object> o =
        discountedOrder(
            "o-" + UUID.randomUUID(),
            customer,
            clock.instant(),
            1001,
            List.of(line("a", "A", null, 1, 1000)));
    assertThat(shop.recordOrder(o).at("/userErrors/0/code").asString()).isEqualTo("INVALID_AMOUNT");
  }
}
