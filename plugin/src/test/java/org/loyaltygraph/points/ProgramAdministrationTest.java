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
import org.loyaltygraph.testing.RowLines;
import org.loyaltygraph.testing.Storefront;
import org.loyaltygraph.testing.TableSnapshot;
import org.loyaltygraph.testing.TestProgram;
import org.loyaltygraph.tier.TierEvaluationJob;
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
  @Autowired TierEvaluationJob tierEvaluation;
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
    // the same customer as a federation entity: under a list, through the DataLoader
    JsonNode viaEntities =
        graphql
            .storefront(
                "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer {"
                    + " loyalty { rewards(affordableOnly: true) { id costPoints } } } } }",
                Map.of("r", List.of(Map.of("__typename", "Customer", "id", customer))))
            .assertNoErrors()
            .data()
            .at("/_entities/0/loyalty/rewards");
    assertThat(viaEntities).isEqualTo(affordable);
  }

  @Test
  void adjustmentsKeepTheirReasonOnTheLedgerWhichPagesNewestFirst() {
    String customer = shop.newCustomer();
    for (int i = 1; i <= 3; i++) {
      adjust(customer, 10 * i, "reason " + i, "k" + i);
    }
    JsonNode replay = adjust(customer, 10, "reason 1", "k1");
    JsonNode overdraw = adjust(customer, -61, "too much", "k4");
    // the first result, the balance k1 left, not the balance now
    assertThat(replay.at("/pointsAdjust/pointsAvailable").asLong()).isEqualTo(10);
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

  @Test
  void anAdjustmentReplayedAnswersTheFirstResultAndCountsOnce() {
    String customer = shop.newCustomer();
    Ledger ledger = new Ledger(jdbc);

    JsonNode first = adjust(customer, 40, "goodwill", "g-1");
    assertThat(first.at("/pointsAdjust/userErrors").isEmpty()).isTrue();
    assertThat(first.at("/pointsAdjust/pointsAvailable").asLong()).isEqualTo(40);
    // what the scheduled jobs could find due on this clock, done now: only the replay writes next
    maintenance.runDue();
    tierEvaluation.runDue();
    TableSnapshot before = TableSnapshot.of(jdbc);
    List<String> entries = entries(customer);

    JsonNode again = adjust(customer, 40, "goodwill", "g-1");

    assertThat(again).as("the replay's whole payload").isEqualTo(first);
    assertThat(ledger.balance(customer)).isEqualTo(40);
    assertThat(entries(customer)).as("ledger entries").isEqualTo(entries);
    assertThat(entries).containsExactly("ADJUST 40 goodwill");
    assertThat(adjustments(customer)).containsExactly("g-1 40 goodwill");
    assertThat(TableSnapshot.of(jdbc)).as("rows of every table").isEqualTo(before);

    JsonNode removed = adjust(customer, -15, "correction", "g-2");
    JsonNode removedAgain = adjust(customer, -15, "correction", "g-2");

    assertThat(removed.at("/pointsAdjust/pointsAvailable").asLong()).isEqualTo(25);
    assertThat(removedAgain).isEqualTo(removed);
    assertThat(ledger.balance(customer)).isEqualTo(25);
    assertThat(entries(customer)).containsExactly("ADJUST 40 goodwill", "ADJUST -15 correction");
    assertThat(adjustments(customer)).containsExactly("g-1 40 goodwill", "g-2 -15 correction");
    ledger.assertConsistent(customer);
  }

  @Test
  void theSameKeyWithOtherPointsOrReasonIsRefusedAndChangesNothing() {
    String customer = shop.newCustomer();
    Ledger ledger = new Ledger(jdbc);
    assertThat(adjust(customer, 40, "goodwill", "g-1").at("/pointsAdjust/pointsAvailable").asLong())
        .isEqualTo(40);
    maintenance.runDue();
    tierEvaluation.runDue();
    TableSnapshot before = TableSnapshot.of(jdbc);

    List<JsonNode> refused =
        List.of(
            adjust(customer, 50, "goodwill", "g-1"),
            adjust(customer, 40, "another reason", "g-1"),
            adjust(customer, -40, "goodwill", "g-1"));

    assertThat(refused)
        .allSatisfy(
            r -> {
              assertThat(r.at("/pointsAdjust/userErrors/0/code").asString())
                  .isEqualTo("IDEMPOTENCY_KEY_REUSED");
              assertThat(r.at("/pointsAdjust/userErrors/0/field").toString())
                  .isEqualTo("[\"input\",\"idempotencyKey\"]");
              assertThat(r.at("/pointsAdjust/pointsAvailable").isNull()).isTrue();
            });
    assertThat(ledger.balance(customer)).isEqualTo(40);
    assertThat(entries(customer)).containsExactly("ADJUST 40 goodwill");
    assertThat(adjustments(customer)).containsExactly("g-1 40 goodwill");
    assertThat(TableSnapshot.of(jdbc)).as("rows of every table").isEqualTo(before);
    ledger.assertConsistent(customer);
  }

  @Test
  void anAdjustmentWithABlankOrOverlongReasonIsRefusedAndWritesNothing() {
    String customer = shop.newCustomer();
    Ledger ledger = new Ledger(jdbc);
    adjust(customer, 40, "goodwill", "g-1");
    maintenance.runDue();
    tierEvaluation.runDue();
    TableSnapshot before = TableSnapshot.of(jdbc);

    JsonNode empty = adjust(customer, 10, "", "g-2");
    JsonNode blank = adjust(customer, -10, "   ", "g-2");
    JsonNode tooLong = adjust(customer, 10, "x".repeat(501), "g-2");

    assertThat(List.of(empty, blank))
        .allSatisfy(
            r -> {
              assertThat(r.at("/pointsAdjust/userErrors").size()).isOne();
              assertThat(r.at("/pointsAdjust/userErrors/0/code").asString()).isEqualTo("REQUIRED");
              assertThat(r.at("/pointsAdjust/userErrors/0/field").toString())
                  .isEqualTo("[\"input\",\"reason\"]");
              assertThat(r.at("/pointsAdjust/pointsAvailable").isNull()).isTrue();
            });
    assertThat(tooLong.at("/pointsAdjust/userErrors/0/code").asString()).isEqualTo("INVALID");
    assertThat(tooLong.at("/pointsAdjust/userErrors/0/field").toString())
        .isEqualTo("[\"input\",\"reason\"]");
    assertThat(ledger.balance(customer)).isEqualTo(40);
    assertThat(entries(customer)).containsExactly("ADJUST 40 goodwill");
    assertThat(adjustments(customer)).containsExactly("g-1 40 goodwill");
    assertThat(TableSnapshot.of(jdbc)).as("rows of every table").isEqualTo(before);
    // the refused calls did not take the key
    assertThat(
            adjust(customer, 10, "late bonus", "g-2").at("/pointsAdjust/pointsAvailable").asLong())
        .isEqualTo(50);
    ledger.assertConsistent(customer);
  }

  /** The customer's ledger entries in the order written, as "type points reason". */
  private List<String> entries(String customer) {
    return RowLines.of(
        jdbc,
        "SELECT type, points, reason FROM points_entry WHERE customer_id = ? ORDER BY id",
        customer);
  }

  /** The customer's recorded adjustments as "key points reason". */
  private List<String> adjustments(String customer) {
    return RowLines.of(
        jdbc,
        "SELECT idempotency_key, points, reason FROM points_adjustment WHERE customer_id = ?"
            + " ORDER BY created_at, idempotency_key",
        customer);
  }

  private JsonNode adjust(String customer, long points, String reason, String key) {
    return graphql
        .send(
            manager,
            "mutation($in: PointsAdjustInput!) { pointsAdjust(input: $in) { pointsAvailable"
                + " userErrors { field code } } }",
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
