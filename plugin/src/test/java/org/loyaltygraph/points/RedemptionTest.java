package org.loyaltygraph.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

/** Trading points for a reward of the catalogue. */
@LoyaltyGraphTest
class RedemptionTest {

  @Autowired GraphQLTestClient graphql;
  @Autowired MutableClock clock;
  @Autowired EarningRulesService rules;
  @Autowired RewardService rewards;
  @Autowired PointsMaintenanceJob maintenance;
  @Autowired AdjustmentService adjustments;
  @Autowired TierEvaluationJob tierEvaluation;
  @Autowired JdbcClient jdbc;

  Storefront shop;
  Ledger ledger;
  Instant now;

  @BeforeEach
  void standardProgram() {
    now = Instant.parse("2026-07-01T10:00:00Z");
    clock.set(now);
    TestProgram.standard(rules);
    shop = new Storefront(graphql);
    ledger = new Ledger(jdbc);
  }

  @AfterEach
  void backToTheStandardProgram() {
    TestProgram.standard(rules);
  }

  @Test
  void redemptionSpendsTheLotsThatExpireSoonestFirstAndThoseThatNeverExpireLast() {
    String customer = shop.newCustomer();
    // three orders, each under a rules version of its own, so that the lot made first expires
    // second, the one made second expires first, and the last one never does
    String yearLot = shop.buy(customer, now, 10_000, 1); // 100 points, 365 days
    publish(expiryDays(30));
    String monthLot = shop.buy(customer, now, 6_000, 1); // 60 points, 30 days
    publish(neverExpire());
    String foreverLot = shop.buy(customer, now, 4_000, 1); // 40 points, no expiry
    clock.advance(Duration.ofDays(15));
    maintenance.runDue();
    assertThat(shop.points(customer).path("available").asLong()).isEqualTo(200);
    assertThat(expiresAt(monthLot)).isBefore(expiresAt(yearLot));
    assertThat(expiresAt(foreverLot)).isNull();
    String reward = "r-" + UUID.randomUUID();
    assertThat(
            rewards
                .create(
                    new Reward(
                        reward,
                        "Hundred points",
                        null,
                        100,
                        Reward.Type.FREE_SHIPPING,
                        null,
                        null,
                        null,
                        true))
                .userErrors())
        .isEmpty();

    JsonNode redeemed = shop.redeem(customer, reward, "spend-" + customer);

    assertThat(redeemed.path("userErrors").isEmpty()).isTrue();
    assertThat(redeemed.path("pointsAvailable").asLong()).isEqualTo(100);
    // the month lot is spent whole, the year lot pays the rest, the lot without expiry is untouched
    assertThat(redemptionEntries(customer)).containsExactly(monthLot + " -60", yearLot + " -40");
    assertThat(remaining(monthLot)).isZero();
    assertThat(remaining(yearLot)).isEqualTo(60);
    assertThat(remaining(foreverLot)).isEqualTo(40);
    ledger.assertConsistent(customer);
  }

  @Test
  void aRedemptionReplayedAnswersTheFirstCodeAndSpendsOnce() {
    String customer = shop.newCustomer();
    adjustments.adjust(customer, 250, "welcome", "w-" + customer, "test");
    String reward = freeShipping(100);
    String key = "spend-" + UUID.randomUUID();

    JsonNode first = shop.redeem(customer, reward, key);
    assertThat(first.path("userErrors").isEmpty()).isTrue();
    assertThat(first.path("pointsAvailable").asLong()).isEqualTo(150);
    String code = first.at("/discountCode/code").asString();
    assertThat(code).isNotBlank();
    assertThat(first.at("/discountCode/status").asString()).isEqualTo("ISSUED");
    assertThat(first.at("/discountCode/reward/id").asString()).isEqualTo(reward);
    // what the scheduled jobs could find due on this clock, done now: only the replay writes next
    maintenance.runDue();
    tierEvaluation.runDue();
    TableSnapshot before = TableSnapshot.of(jdbc);
    List<String> entriesBefore = ledger.entryLines(customer);

    JsonNode again = shop.redeem(customer, reward, key);

    assertThat(again).as("the replay's whole payload").isEqualTo(first);
    assertThat(ledger.balance(customer)).isEqualTo(150);
    assertThat(shop.points(customer).path("available").asLong()).isEqualTo(150);
    assertThat(ledger.entryLines(customer)).as("ledger entries").isEqualTo(entriesBefore);
    assertThat(redemptionEntries(customer)).hasSize(1);
    assertThat(codes(customer)).containsExactly(code + " " + reward + " ISSUED");
    assertThat(redemptions(customer)).containsExactly(key + " " + reward + " 100 " + code);
    assertThat(TableSnapshot.of(jdbc)).as("rows of every table").isEqualTo(before);
    ledger.assertConsistent(customer);
  }

  @Test
  void aReplayAfterTheBalanceMovedAnswersTheBalanceTheRedemptionLeft() {
    String customer = shop.newCustomer();
    adjustments.adjust(customer, 250, "welcome", "w-" + customer, "test");
    String reward = freeShipping(100);
    String key = "spend-" + UUID.randomUUID();
    JsonNode first = shop.redeem(customer, reward, key);
    adjustments.adjust(customer, 7, "goodwill", "g-" + customer, "test");

    JsonNode again = shop.redeem(customer, reward, key);

    assertThat(first.path("pointsAvailable").asLong()).isEqualTo(150);
    assertThat(again.path("pointsAvailable").asLong()).isEqualTo(150);
    assertThat(again.at("/discountCode/code")).isEqualTo(first.at("/discountCode/code"));
    assertThat(ledger.balance(customer)).isEqualTo(157);
  }

  @Test
  void theSameKeyForAnotherRewardIsRefusedAndChangesNothing() {
    String customer = shop.newCustomer();
    adjustments.adjust(customer, 250, "welcome", "w-" + customer, "test");
    String reward = freeShipping(100);
    String other = freeShipping(50);
    String key = "spend-" + UUID.randomUUID();
    JsonNode first = shop.redeem(customer, reward, key);
    String code = first.at("/discountCode/code").asString();
    assertThat(first.path("pointsAvailable").asLong()).isEqualTo(150);
    maintenance.runDue();
    tierEvaluation.runDue();
    TableSnapshot before = TableSnapshot.of(jdbc);
    List<String> entriesBefore = ledger.entryLines(customer);

    // the other reward is affordable: only the key's earlier use refuses it
    JsonNode reused = shop.redeem(customer, other, key);

    assertThat(reused.at("/userErrors/0/code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    assertThat(reused.at("/userErrors/0/field").toString())
        .isEqualTo("[\"input\",\"idempotencyKey\"]");
    assertThat(reused.path("userErrors").size()).isOne();
    assertThat(reused.path("discountCode").isNull()).isTrue();
    assertThat(reused.path("pointsAvailable").isNull()).isTrue();
    assertThat(ledger.balance(customer)).isEqualTo(150);
    assertThat(ledger.entryLines(customer)).as("ledger entries").isEqualTo(entriesBefore);
    assertThat(codes(customer)).containsExactly(code + " " + reward + " ISSUED");
    assertThat(redemptions(customer)).containsExactly(key + " " + reward + " 100 " + code);
    assertThat(TableSnapshot.of(jdbc)).as("rows of every table").isEqualTo(before);
    ledger.assertConsistent(customer);
    // the key still stands for the first redemption
    assertThat(shop.redeem(customer, reward, key)).isEqualTo(first);
  }

  private String freeShipping(long cost) {
    String id = "r-" + UUID.randomUUID();
    assertThat(
            rewards
                .create(
                    new Reward(
                        id,
                        cost + " points",
                        null,
                        cost,
                        Reward.Type.FREE_SHIPPING,
                        null,
                        null,
                        null,
                        true))
                .userErrors())
        .isEmpty();
    return id;
  }

  /** The customer's discount codes as "code reward status". */
  private List<String> codes(String customer) {
    return RowLines.of(
        jdbc,
        "SELECT code, reward_id, status FROM discount_code WHERE customer_id = ? ORDER BY code",
        customer);
  }

  /** The customer's redemptions as "key reward cost code". */
  private List<String> redemptions(String customer) {
    return RowLines.of(
        jdbc,
        "SELECT idempotency_key, reward_id, cost_points, code FROM redemption"
            + " WHERE customer_id = ? ORDER BY created_at, id",
        customer);
  }

  private void publish(EarningRulesService.RulesChange change) {
    assertThat(rules.update(change).userErrors()).isEmpty();
  }

  private static EarningRulesService.RulesChange expiryDays(int days) {
    return new EarningRulesService.RulesChange(
        null, null, null, days, null, null, null, null, null, null, null, null, null, null, null);
  }

  private static EarningRulesService.RulesChange neverExpire() {
    return new EarningRulesService.RulesChange(
        null, null, null, null, true, null, null, null, null, null, null, null, null, null, null);
  }

  /** The order's lot's expiry, or null when it never expires. */
  private Instant expiresAt(String orderId) {
    return jdbc.sql(
            "SELECT expires_at FROM points_lot WHERE source_type = 'ORDER' AND source_id = ?")
        .param(orderId)
        .query((rs, row) -> Optional.ofNullable(rs.getTimestamp("expires_at")))
        .single()
        .map(Timestamp::toInstant)
        .orElse(null);
  }

  private long remaining(String orderId) {
    return ledger.count(
        "SELECT remaining FROM points_lot WHERE source_type = 'ORDER' AND source_id = ?", orderId);
  }

  /** The customer's REDEEM entries in the order written, as "order points". */
  private List<String> redemptionEntries(String customer) {
    return RowLines.of(
        jdbc,
        "SELECT l.source_id, e.points FROM points_entry e JOIN points_lot l ON l.id = e.lot_id"
            + " WHERE e.customer_id = ? AND e.type = 'REDEEM' ORDER BY e.id",
        customer);
  }
}
