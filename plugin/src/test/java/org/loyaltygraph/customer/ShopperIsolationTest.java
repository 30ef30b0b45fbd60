package org.loyaltygraph.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.points.AdjustmentService;
import org.loyaltygraph.points.EarningRulesService;
import org.loyaltygraph.points.Reward;
import org.loyaltygraph.points.RewardService;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.loyaltygraph.testing.ShopperTokens;
import org.loyaltygraph.testing.Storefront;
import org.loyaltygraph.testing.TestProgram;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A shopper's token reads and changes its own loyalty only, whatever door it tries. */
@LoyaltyGraphTest
class ShopperIsolationTest {

  private static final String REDEEM =
      "mutation($in: PointsRedeemInput!) { pointsRedeem(input: $in) { discountCode { code } userErrors { code } } }";

  private static final String ENTITIES =
      "query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { id loyalty { points { available } } } } }";

  @Autowired GraphQLTestClient graphql;
  @Autowired MutableClock clock;
  @Autowired EarningRulesService rules;
  @Autowired AdjustmentService adjustments;
  @Autowired RewardService rewards;

  Storefront shop;
  String alice;
  String bob;
  String aliceToken;

  @BeforeEach
  void twoShoppers() {
    clock.set(Instant.parse("2026-07-01T08:00:00Z"));
    TestProgram.standard(rules);
    shop = new Storefront(graphql);
    alice = shop.newCustomer();
    bob = shop.newCustomer();
    adjustments.adjust(alice, 70, "welcome", "w-" + alice, "test");
    adjustments.adjust(bob, 500, "welcome", "w-" + bob, "test");
    aliceToken = ShopperTokens.bearerFor(alice, clock.instant());
  }

  @Test
  void meAnswersTheTokensOwnLoyalty() {
    JsonNode me =
        graphql
            .send(aliceToken, "{ me { id loyalty { points { available } } } }", Map.of())
            .assertNoErrors()
            .data();
    assertThat(me.at("/me/id").asString()).isEqualTo(alice);
    assertThat(me.at("/me/loyalty/points/available").asLong()).isEqualTo(70);
  }

  @Test
  void aShopperCannotReadAnotherCustomerThroughCustomerId() {
    var response =
        graphql.send(aliceToken, "query($id: ID!) { customer(id: $id) { id } }", Map.of("id", bob));
    assertThat(response.errors().get(0).at("/extensions/code").asString()).isEqualTo("FORBIDDEN");
    assertThat(response.errors().get(0).at("/extensions/errorType").asString())
        .isEqualTo("PERMISSION_DENIED");
    assertThat(response.body()).doesNotContain("\"available\"");
  }

  @Test
  void aShopperReachesItsOwnEntityButNotAnothers() {
    JsonNode own =
        graphql
            .send(
                aliceToken,
                ENTITIES,
                Map.of("reps", List.of(Map.of("__typename", "Customer", "id", alice))))
            .assertNoErrors()
            .data();
    assertThat(own.at("/_entities/0/loyalty/points/available").asLong()).isEqualTo(70);

    var other =
        graphql.send(
            aliceToken,
            ENTITIES,
            Map.of("reps", List.of(Map.of("__typename", "Customer", "id", bob))));
    assertThat(other.errors().get(0).at("/extensions/code").asString()).isEqualTo("FORBIDDEN");
    assertThat(
            other.data().at("/_entities/0/loyalty").isMissingNode()
                || other.data().at("/_entities/0").isNull())
        .isTrue();
    assertThat(other.body()).doesNotContain("\"available\":500");
  }

  @Test
  void aShopperAskingForItsOwnAndAnotherEntityTogetherGetsOnlyItsOwn() {
    // two representations: a list, so the fields below go through the batched loaders
    var both =
        graphql.send(
            aliceToken,
            ENTITIES,
            Map.of(
                "reps",
                List.of(
                    Map.of("__typename", "Customer", "id", alice),
                    Map.of("__typename", "Customer", "id", bob))));
    assertThat(both.data().at("/_entities/0/loyalty/points/available").asLong()).isEqualTo(70);
    assertThat(both.errors()).hasSize(1);
    assertThat(both.errors().get(0).at("/extensions/code").asString()).isEqualTo("FORBIDDEN");
    assertThat(both.errors().get(0).at("/path/1").asInt()).isEqualTo(1);
    assertThat(both.body()).doesNotContain("\"available\":500");
  }

  @Test
  void theStorefrontResolvesAnyCustomerEntityAsARouterWould() {
    JsonNode both =
        graphql
            .storefront(
                ENTITIES,
                Map.of(
                    "reps",
                    List.of(
                        Map.of("__typename", "Customer", "id", alice),
                        Map.of("__typename", "Customer", "id", bob))))
            .assertNoErrors()
            .data();
    assertThat(both.at("/_entities/0/loyalty/points/available").asLong()).isEqualTo(70);
    assertThat(both.at("/_entities/1/loyalty/points/available").asLong()).isEqualTo(500);
  }

  @Test
  void aShopperCannotSpendAnotherCustomersPointsOnARewardTheyCanBuy() {
    String reward = "iso-5-off-" + bob;
    rewards.create(
        new Reward(reward, "5 off", null, 50, Reward.Type.AMOUNT_OFF, 500L, "USD", null, true));

    JsonNode payload = redeem(aliceToken, bob, reward, "k");

    assertThat(payload.at("/pointsRedeem/discountCode").isNull()).isTrue();
    assertThat(payload.at("/pointsRedeem/userErrors/0/code").asString())
        .isEqualTo("UNKNOWN_CUSTOMER");
    assertThat(shop.points(bob).path("available").asLong()).isEqualTo(500);
    // the same call as bob goes through: the refusal above was the token's, not the reward's
    JsonNode own = redeem(ShopperTokens.bearerFor(bob, clock.instant()), bob, reward, "k");
    assertThat(own.at("/pointsRedeem/discountCode/code").asString()).isNotBlank();
    assertThat(shop.points(bob).path("available").asLong()).isEqualTo(450);
  }

  @Test
  void aShopperCannotRedeemAnotherCustomersPoints() {
    JsonNode payload = redeem(aliceToken, bob, "anything", "steal");
    assertThat(payload.at("/pointsRedeem/discountCode").isNull()).isTrue();
    assertThat(payload.at("/pointsRedeem/userErrors/0/code").asString())
        .isEqualTo("UNKNOWN_CUSTOMER");
    assertThat(shop.points(bob).path("available").asLong()).isEqualTo(500);
  }

  /** {@code pointsRedeem} as {@code token}, answering its {@code data}. */
  private JsonNode redeem(String token, String customer, String reward, String key) {
    return graphql
        .send(
            token,
            REDEEM,
            Map.of("in", Map.of("customerId", customer, "rewardId", reward, "idempotencyKey", key)))
        .assertNoErrors()
        .data();
  }
}
