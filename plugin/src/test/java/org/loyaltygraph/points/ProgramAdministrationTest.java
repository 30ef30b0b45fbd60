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

/** What admins change in the program, over GraphQL with an admin session. */
@LoyaltyGraphTest
class ProgramAdministrationTest {

  private static final String RULES_UPDATE =
      "mutation($in: EarningRulesUpdateInput!) { earningRulesUpdate(input: $in) { earningRules { version"
          + " pointsPerStep stepAmount { amount } multipliers { target value multiplier } }"
          + " userErrors { field code } } }";

  @Autowired GraphQLTestClient graphql;
  @Autowired MutableClock clock;
  @Autowired EarningRulesService rules;
  @Autowired PointsMaintenanceJob maintenance;
  @Autowired AdminSessions admins;
  @Autowired JdbcClient jdbc;

  Storefront shop;
  String manager;

  @BeforeEach
  void setUp() {
    clock.set(Instant.parse("2026-08-01T10:00:00Z"));
    TestProgram.standard(rules);
    shop = new Storefront(graphql);
    manager = admins.bearer(Role.MANAGER);
  }

  @Test
  void aCategoryMultiplierAppliesToNewOrdersWhileRefundsReverseWhatTheReceiptsSay() {
    String customer = shop.newCustomer();
    String before = "o-" + UUID.randomUUID();
    shop.recordOrder(
        order(
            before,
            customer,
            clock.instant(),
            "USD",
            List.of(line("a", "BOOT", "shoes", 1, 10_000))));

    JsonNode updated =
        graphql
            .send(
                manager,
                RULES_UPDATE,
                Map.of(
                    "in",
                    Map.of(
                        "multipliers",
                        List.of(
                            Map.of("target", "CATEGORY", "value", "shoes", "multiplier", "3")))))
            .assertNoErrors()
            .data()
            .path("earningRulesUpdate");
    assertThat(updated.path("userErrors").isEmpty()).isTrue();
    assertThat(updated.at("/earningRules/multipliers/0/multiplier").asString()).isEqualTo("3");

    String after = "o-" + UUID.randomUUID();
    JsonNode triple =
        shop.recordOrder(
            order(
                after,
                customer,
                clock.instant(),
                "USD",
                List.of(line("a", "BOOT", "shoes", 1, 10_000))));
    assertThat(triple.at("/order/pointsEarned").asLong()).isEqualTo(300);
    assertThat(triple.at("/order/lines/0/receipt/ruleVersion").asInt())
        .isEqualTo(updated.at("/earningRules/version").asInt());

    JsonNode refund = shop.refundUnits("r-" + before, before, "a", 1).path("refund");
    assertThat(refund.path("pointsCanceled").asLong())
        .as("the 1x receipt, not today's 3x")
        .isEqualTo(100);
    new Ledger(jdbc).assertConsistent(customer);
  }

  @Test
  void badRulesAreRefusedAndTheVersionStays() {
    int version = rules.current().version();
    JsonNode refused =
        graphql
            .send(manager, RULES_UPDATE, Map.of("in", Map.of("pointsPerStep", 0, "stepAmount", -5)))
            .assertNoErrors()
            .data()
            .path("earningRulesUpdate");
    assertThat(refused.path("earningRules").isNull()).isTrue();
    assertThat(refused.path("userErrors").size()).isEqualTo(2);
    assertThat(rules.current().version()).isEqualTo(version);
  }

  @Test
  void anAnalystReadsTheRulesButCannotChangeThem() {
    String analyst = admins.bearer(Role.ANALYST);
    assertThat(
            graphql
                .send(analyst, "{ earningRules { version } }", Map.of())
                .assertNoErrors()
                .data()
                .at("/earningRules/version")
                .asInt())
        .isPositive();
    var denied = graphql.send(analyst, RULES_UPDATE, Map.of("in", Map.of("pointsPerStep", 2)));
    assertThat(denied.errors().get(0).at("/extensions/code").asString()).isEqualTo("FORBIDDEN");
  }

  @Test
  void rewardsAreCreatedOnceAndTheBalanceShowsWhichItCanBuy() {
    String id = "r-" + UUID.randomUUID().toString().substring(0, 8);
    String create =
        "mutation($in: RewardCreateInput!) { rewardCreate(input: $in) { reward { id costPoints amountOff { amount currency } }"
            + " userErrors { field code } } }";
    Map<String, Object> reward =
        Map.of(
            "id",
            id,
            "name",
            "10 off",
            "costPoints",
            40,
            "type",
            "AMOUNT_OFF",
            "amountOff",
            Map.of("amount", 1000, "currency", "USD"));

    JsonNode created =
        graphql
            .send(manager, create, Map.of("in", reward))
            .assertNoErrors()
            .data()
            .path("rewardCreate");
    JsonNode again =
        graphql
            .send(manager, create, Map.of("in", reward))
            .assertNoErrors()
            .data()
            .path("rewardCreate");
    JsonNode wrongCurrency =
        graphql
            .send(
                manager,
                create,
                Map.of(
                    "in",
                    Map.of(
                        "id",
                        id + "x",
                        "name",
                        "x",
                        "costPoints",
                        1,
                        "type",
                        "AMOUNT_OFF",
                        "amountOff",
                        Map.of("amount", 100, "currency", "EUR"))))
            .assertNoErrors()
            .data()
            .path("rewardCreate");

    assertThat(created.at("/reward/costPoints").asLong()).isEqualTo(40);
    assertThat(again.path("reward")).isEqualTo(created.path("reward"));
    assertThat(wrongCurrency.at("/userErrors/0/code").asString()).isEqualTo("INVALID");

    String customer = shop.newCustomer();
    graphql
        .send(
            manager,
            "mutation($in: PointsAdjustInput!) { pointsAdjust(input: $in) { pointsAvailable userErrors { code } } }",
            Map.of(
                "in",
                Map.of(
                    "customerId",
                    customer,
                    "points",
                    45,
                    "reason",
                    "goodwill",
                    "idempotencyKey",
                    "g-1")))
        .assertNoErrors();
    JsonNode affordable =
        graphql
            .storefront(
                "query($id: ID!) { customer(id: $id) { loyalty { rewards(affordableOnly: true) { id costPoints } } } }",
                Map.of("id", customer))
            .assertNoErrors()
            .data()
            .at("/customer/loyalty/rewards");
    assertThat(affordable.findValuesAsString("id")).contains(id);
    assertThat(affordable.findValues("costPoints"))
        .allSatisfy(c -> assertThat(c.asLong()).isLessThanOrEqualTo(45));
  }

  @Test
  void adjustmentsKeepTheirReasonOnTheLedgerWhichPagesNewestFirst() {
    String customer = shop.newCustomer();
    for (int i = 1; i <= 3; i++) {
      adjust(customer, 10 * i, "reason " + i, "k" + i);
    }
    JsonNode replay = adjust(customer, 10, "reason 1", "k1");
    JsonNode overdraw = adjust(customer, -61, "too much", "k4");
    assertThat(replay.at("/pointsAdjust/pointsAvailable").asLong()).isEqualTo(60);
    assertThat(overdraw.at("/pointsAdjust/userErrors/0/code").asString())
        .isEqualTo("INSUFFICIENT_POINTS");

    String page =
        "query($id: ID!, $after: String) { customer(id: $id) { loyalty { ledger(first: 2, after: $after) {"
            + " edges { node { type points reason } } pageInfo { hasNextPage endCursor } } } } }";
    JsonNode first =
        graphql
            .storefront(page, Map.of("id", customer))
            .assertNoErrors()
            .data()
            .at("/customer/loyalty/ledger");
    assertThat(first.findValuesAsString("reason")).containsExactly("reason 3", "reason 2");
    assertThat(first.at("/pageInfo/hasNextPage").asBoolean()).isTrue();
    JsonNode second =
        graphql
            .storefront(
                page, Map.of("id", customer, "after", first.at("/pageInfo/endCursor").asString()))
            .assertNoErrors()
            .data()
            .at("/customer/loyalty/ledger");
    assertThat(second.findValuesAsString("reason")).containsExactly("reason 1");
    assertThat(second.at("/pageInfo/hasNextPage").asBoolean()).isFalse();
    assertThat(second.at("/edges/0/node/type").asString()).isEqualTo("ADJUST");
  }

  private JsonNode adjust(String customer, long points, String reason, String key) {
    return graphql
        .send(
            manager,
            "mutation($in: PointsAdjustInput!) { pointsAdjust(input: $in) { pointsAvailable"
                + " userErrors { code } } }",
            Map.of(
                "in",
                Map.of(
                    "customerId",
                    customer,
                    "points",
                    points,
                    "reason",
                    reason,
                    "idempotencyKey",
                    key)))
        .assertNoErrors()
        .data();
  }
}
