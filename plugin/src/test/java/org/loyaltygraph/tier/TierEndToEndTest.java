package org.loyaltygraph.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.order.OrderService;
import org.loyaltygraph.points.EarningRulesService;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.loyaltygraph.testing.ShopperTokens;
import org.loyaltygraph.testing.Storefront;
import org.loyaltygraph.testing.TestOrders;
import org.loyaltygraph.testing.TestProgram;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Tiers as a storefront and a shopper see them: orders in over GraphQL, Loyalty.tier out. */
@LoyaltyGraphTest
class TierEndToEndTest {

  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  private static final String STATUS =
      "tier { name tier { id name pointsMultiplier } qualifyingAmount nextTier { id } amountToNextTier"
          + " amountToKeepTier nextEvaluationAt graceEndsAt"
          + " history(first: 10) { edges { node { reason fromTier { id } toTier { id } } }"
          + " pageInfo { hasNextPage } } }";
  private static final String BY_ID =
      "query($id: ID!) { customer(id: $id) { loyalty { " + STATUS + " } } }";

  @Autowired GraphQLTestClient graphql;
  @Autowired TierService tiers;
  @Autowired EarningRulesService earningRules;
  @Autowired MutableClock clock;
  @Autowired OrderService orders;
  @Autowired TransactionTemplate transactions;

  private TierProgramFixture program;
  private Storefront storefront;
  private Tier silver;
  private Tier gold;

  @BeforeEach
  void onePointPerDollarAndTwoTiers() {
    clock.set(NOW);
    TestProgram.standard(earningRules);
    program = new TierProgramFixture(tiers);
    program.reset();
    program.program(new TierProgramEdit(null, null, null, 0, null));
    silver = program.tier("silver", 10_000, "2");
    gold = program.tier("gold", 50_000, "3");
    storefront = new Storefront(graphql);
  }

  @AfterEach
  void backToDefaults() {
    program.reset();
  }

  @Test
  void twoOrdersInOneTransactionEarnAsTheyWouldOneAfterAnother() {
    // the first order locks the standing to price itself, then changes it: the second, in the same
    // transaction, prices itself at the tier the first reached
    String customer = storefront.newCustomer();
    long[] points = new long[2];
    transactions.executeWithoutResult(
        status -> {
          points[0] =
              orders.record(TestOrders.oneLine(customer, NOW, 12_000)).order().pointsEarned();
          points[1] =
              orders.record(TestOrders.oneLine(customer, NOW, 1_000)).order().pointsEarned();
        });

    assertThat(points[0]).isEqualTo(120); // before: no tier
    assertThat(points[1]).isEqualTo(20); // Silver's 2x
    assertThat(tierOf(customer).at("/tier/id").asString()).isEqualTo(silver.id());
  }

  @Test
  void anOrderLiftsTheCustomerAndTheNextOrderEarnsAtTheTiersMultiplier() {
    String customer = storefront.newCustomer();
    JsonNode before = tierOf(customer);

    storefront.buy(customer, NOW, 12_000, 1);
    JsonNode status = tierOf(customer);

    assertThat(before.at("/tier").isNull()).isTrue();
    assertThat(before.at("/name").isNull()).isTrue();
    assertThat(status.at("/tier/id").asString()).isEqualTo(silver.id());
    // the short read the storefront's own query uses: loyalty { tier { name } }
    assertThat(status.at("/name").asString()).isEqualTo(silver.name());
    assertThat(status.at("/qualifyingAmount").asLong()).isEqualTo(12_000);
    assertThat(status.at("/nextTier/id").asString()).isEqualTo(gold.id());
    assertThat(status.at("/amountToNextTier").asLong()).isEqualTo(38_000);
    assertThat(status.at("/amountToKeepTier").asLong()).isEqualTo(10_000);
    assertThat(status.at("/nextEvaluationAt").asString()).isEqualTo("2027-03-03T00:00:00Z");
    assertThat(status.at("/graceEndsAt").isNull()).isTrue();
    assertThat(status.at("/history/edges/0/node/reason").asString()).isEqualTo("order");
    assertThat(status.at("/history/edges/0/node/fromTier").isNull()).isTrue();

    JsonNode second =
        storefront.recordOrder(
            Storefront.order(
                "o-" + UUID.randomUUID(),
                customer,
                NOW,
                "USD",
                new ArrayList<>(List.of(Storefront.line("l1", "SKU-1", "general", 1, 1_000)))));
    assertThat(second.at("/order/pointsEarned").asLong()).isEqualTo(20);
  }

  @Test
  void aRefundThroughTheStorefrontRecalculatesTheTier() {
    String customer = storefront.newCustomer();
    String order = storefront.buy(customer, NOW, 6_000, 2);
    assertThat(tierOf(customer).at("/tier/id").asString()).isEqualTo(silver.id());

    JsonNode refund = storefront.refundUnits("r-" + order, order, "l1", 1);
    assertThat(refund.at("/userErrors").isEmpty()).isTrue();

    JsonNode status = tierOf(customer);
    assertThat(status.at("/qualifyingAmount").asLong()).isEqualTo(6_000);
    assertThat(status.at("/tier").isNull()).isTrue();
    assertThat(status.at("/history/edges/0/node/reason").asString()).isEqualTo("refund");
  }

  @Test
  void aShopperReadsItsOwnTierThroughMe() {
    String customer = storefront.newCustomer();
    storefront.buy(customer, NOW, 60_000, 1);

    JsonNode me =
        graphql
            .send(
                ShopperTokens.bearerFor(customer, clock.instant()),
                "{ me { loyalty { " + STATUS + " } } }",
                Map.of())
            .assertNoErrors()
            .data();

    assertThat(me.at("/me/loyalty/tier/tier/id").asString()).isEqualTo(gold.id());
    assertThat(me.at("/me/loyalty/tier/tier/pointsMultiplier").asString()).isEqualTo("3");
  }

  @Test
  void historyPagesOutsideOneToOneHundredAreAnInvalidArgument() {
    String customer = storefront.newCustomer();

    var response =
        graphql.storefront(
            "query($id: ID!) { customer(id: $id) { loyalty { tier { history(first: 101) {"
                + " edges { cursor } } } } } }",
            Map.of("id", customer));

    assertThat(response.errors().get(0).at("/extensions/code").asString())
        .isEqualTo("INVALID_ARGUMENT");
  }

  private JsonNode tierOf(String customer) {
    return graphql
        .storefront(BY_ID, Map.of("id", customer))
        .assertNoErrors()
        .data()
        .at("/customer/loyalty/tier");
  }
}
