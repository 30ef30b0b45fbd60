package org.loyaltygraph.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.loyaltygraph.customer.CustomerService;
import org.loyaltygraph.points.EarningRulesService;
import org.loyaltygraph.points.Reward;
import org.loyaltygraph.points.RewardService;
import org.loyaltygraph.security.SecurityProperties;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.Ledger;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.loyaltygraph.testing.TestProgram;
import org.loyaltygraph.tier.Tier;
import org.loyaltygraph.tier.TierService;
import org.loyaltygraph.tier.TierStanding;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Seeds one small demo shop (120 customers, about 1,200 orders) under a prefix of its own, and
 * checks what makes the demo worth showing. The tier configuration is global: the class starts from
 * no tiers, lets the seeder create its four, and removes them at the end.
 */
@LoyaltyGraphTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoShopSeederTest {

  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static final int CUSTOMERS = 120;
  static final int ORDERS = 1_200;

  @Autowired DemoShopSeeder seeder;
  @Autowired MutableClock clock;
  @Autowired EarningRulesService rules;
  @Autowired TierService tiers;
  @Autowired RewardService rewards;
  @Autowired CustomerService customers;
  @Autowired SecurityProperties security;
  @Autowired Environment environment;
  @Autowired GraphQLTestClient graphql;
  @Autowired JdbcClient jdbc;

  final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
  final DemoProperties size = new DemoProperties(false, CUSTOMERS, ORDERS, 42L, 4);
  DemoShopSeeder.Report report;

  @BeforeAll
  void seedASmallShop() {
    clock.set(NOW);
    TestProgram.standard(rules);
    removeAllTiers();
    report = seeder.seed(prefix, size);
  }

  @AfterAll
  void putTheGlobalProgramBack() {
    removeAllTiers();
    for (Reward reward : DemoCatalogue.rewards(prefix)) {
      rewards.update(reward.id(), null, null, null, false);
    }
  }

  @Test
  void everyCustomerOfThePlanExists() {
    assertThat(report.seeded()).isTrue();
    assertThat(report.customers()).isEqualTo(CUSTOMERS);
    assertThat(
            IntStream.rangeClosed(1, CUSTOMERS)
                .mapToObj(n -> DemoShopPlan.customerId(prefix, n))
                .filter(id -> !customers.exists(id)))
        .isEmpty();
    assertThat(customers.find(DemoShopPlan.customerId(prefix, 7)).orElseThrow().email())
        .endsWith("@example.com");
  }

  @Test
  void ordersPeakInNovemberAndDecemberAndDipInSummer() {
    Map<Integer, Long> lastYear =
        jdbc
            .sql(
                "SELECT MONTH(placed_at) AS m, COUNT(*) AS n FROM customer_order"
                    + " WHERE id LIKE ? AND YEAR(placed_at) = 2025 GROUP BY MONTH(placed_at)")
            .param(prefix + "-o-%")
            .query((rs, i) -> Map.entry(rs.getInt("m"), rs.getLong("n")))
            .list()
            .stream()
            .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    long holidayLow = Math.min(lastYear.get(11), lastYear.get(12));
    long summerHigh = Math.max(lastYear.get(6), Math.max(lastYear.get(7), lastYear.get(8)));

    assertThat(orderCount()).isGreaterThanOrEqualTo(ORDERS);
    assertThat(holidayLow)
        .as("Nov/Dec 2025 against Jun-Aug 2025: %s", lastYear)
        .isGreaterThan(summerHigh);
  }

  @Test
  void theShopHasLoyalCustomersChurnersOneTimeBuyersAndNewcomers() {
    List<Activity> activity =
        jdbc.sql(
                "SELECT customer_id, COUNT(*) AS n, MIN(placed_at) AS first_at,"
                    + " MAX(placed_at) AS last_at, SUM(subtotal) AS spend FROM customer_order"
                    + " WHERE customer_id LIKE ? GROUP BY customer_id")
            .param(prefix + "-c-%")
            .query(
                (rs, i) ->
                    new Activity(
                        rs.getString("customer_id"),
                        rs.getInt("n"),
                        rs.getTimestamp("first_at").toInstant(),
                        rs.getTimestamp("last_at").toInstant(),
                        rs.getLong("spend")))
            .list();
    Instant sixMonthsAgo = ZonedDateTime.ofInstant(NOW, ZoneOffset.UTC).minusMonths(6).toInstant();
    Instant threeMonthsAgo =
        ZonedDateTime.ofInstant(NOW, ZoneOffset.UTC).minusMonths(3).toInstant();

    long loyal = activity.stream().filter(a -> a.orders() >= 5).count();
    long churners =
        activity.stream().filter(a -> a.orders() >= 2 && a.last().isBefore(sixMonthsAgo)).count();
    long oneTime = activity.stream().filter(a -> a.orders() == 1).count();
    long newcomers = activity.stream().filter(a -> a.first().isAfter(threeMonthsAgo)).count();
    long revenue = activity.stream().mapToLong(Activity::spend).sum();
    long topTenthRevenue =
        activity.stream()
            .sorted(Comparator.comparingLong(Activity::spend).reversed())
            .limit(CUSTOMERS / 10)
            .mapToLong(Activity::spend)
            .sum();

    assertThat(activity).hasSize(CUSTOMERS);
    assertThat(loyal).isGreaterThanOrEqualTo(CUSTOMERS / 10);
    assertThat(churners).isGreaterThanOrEqualTo(CUSTOMERS / 10);
    assertThat(oneTime).isGreaterThanOrEqualTo(CUSTOMERS / 10);
    assertThat(newcomers).isGreaterThanOrEqualTo(CUSTOMERS / 10);
    assertThat(topTenthRevenue).as("the top tenth spends most").isGreaterThan(revenue * 2 / 5);
  }

  record Activity(String customerId, int orders, Instant first, Instant last, long spend) {}

  @Test
  void aFewPercentOfOrdersAreRefundedInPartOrWhole() {
    long refunded =
        count("SELECT COUNT(*) FROM order_refund WHERE order_id LIKE ?", prefix + "-o-%");
    long wholly =
        count(
            "SELECT COUNT(*) FROM customer_order o WHERE o.id LIKE ? AND NOT EXISTS"
                + " (SELECT 1 FROM order_line l WHERE l.order_id = o.id"
                + " AND l.refunded_quantity < l.quantity)",
            prefix + "-o-%");

    assertThat(report.refunds()).isEqualTo(refunded);
    assertThat(refunded).isBetween(orderCount() / 100, orderCount() * 8 / 100);
    assertThat(wholly).isPositive().isLessThan(refunded);
  }

  @Test
  void pointsAreRealLotsSomePendingSomeAvailableSomeExpiredAndTheLedgerHolds() {
    List<String> statuses =
        jdbc.sql("SELECT DISTINCT status FROM points_lot WHERE customer_id LIKE ?")
            .param(prefix + "-c-%")
            .query(String.class)
            .list();
    Ledger ledger = new Ledger(jdbc);

    assertThat(statuses).contains("PENDING", "AVAILABLE", "EXPIRED");
    for (int n = 1; n <= CUSTOMERS; n += 7) {
      ledger.assertConsistent(DemoShopPlan.customerId(prefix, n));
    }
    ledger.assertConsistent(showcase());
  }

  @Test
  void loyalCustomersRedeemRewardsAndUseSomeCodesAndAdminsAdjustedAFew() {
    long used =
        count(
            "SELECT COUNT(*) FROM discount_code WHERE customer_id LIKE ? AND status = 'CONSUMED'",
            prefix + "-c-%");
    long adjusted =
        count("SELECT COUNT(*) FROM points_adjustment WHERE customer_id LIKE ?", prefix + "-c-%");

    assertThat(report.redemptions()).isPositive();
    assertThat(used).isPositive().isEqualTo(report.codesUsed()).isLessThan(report.redemptions());
    assertThat(adjusted).isEqualTo(report.adjustments()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void fourTiersOnSpendAndTheLoyalCoreHoldsTheTopOnes() {
    List<String> ids =
        IntStream.rangeClosed(1, CUSTOMERS)
            .mapToObj(n -> DemoShopPlan.customerId(prefix, n))
            .toList();
    Map<String, TierStanding> standings = tiers.standings(ids);

    assertThat(report.tiersSeeded()).isTrue();
    assertThat(tiers.tiers())
        .extracting(Tier::name)
        .containsExactly("Bronze", "Silver", "Gold", "Platinum");
    assertThat(tiers.tiers())
        .extracting(t -> t.pointsMultiplier().toPlainString())
        .containsExactly("1", "1.25", "1.5", "2");
    assertThat(standings.get(showcase()).tier().name()).isIn("Gold", "Platinum");
    assertThat(standings.values())
        .extracting(s -> s.tier() == null ? "none" : s.tier().name())
        .contains("Bronze", "Silver", "Platinum");
  }

  @Test
  void seedingAgainAddsNothing() {
    long orders = orderCount();

    DemoShopSeeder.Report again = seeder.seed(prefix, size);

    assertThat(again.seeded()).isFalse();
    assertThat(orderCount()).isEqualTo(orders);
    assertThat(count("SELECT COUNT(*) FROM customer WHERE id LIKE ?", prefix + "-c-%"))
        .isEqualTo(CUSTOMERS);
  }

  @Test
  void theBannersShopperTokenAndExampleQueryWorkAgainstTheService() {
    DemoBanner banner = new DemoBanner(environment, security, seeder, customers, clock);
    String token = banner.shopperToken(showcase(), NOW);

    JsonNode storefront =
        graphql.storefront(DemoBanner.exampleQuery(showcase()), Map.of()).assertNoErrors().data();
    JsonNode me =
        graphql
            .send("Bearer " + token, "{ me { id loyalty { points { available } } } }", Map.of())
            .assertNoErrors()
            .data();

    assertThat(storefront.at("/customer/loyalty/tier/name").asString()).isIn("Gold", "Platinum");
    assertThat(storefront.at("/customer/loyalty/points/available").asLong()).isPositive();
    assertThat(me.at("/me/id").asString()).isEqualTo(showcase());
    assertThat(me.at("/me/loyalty/points/available").asLong())
        .isEqualTo(storefront.at("/customer/loyalty/points/available").asLong());
    assertThat(DemoBanner.curl("http://localhost:8080/graphql", "lgk_x", showcase()))
        .contains("tier { name } points { available }");
  }

  private String showcase() {
    return DemoShopPlan.showcase(DemoShopPlan.shoppers(prefix, CUSTOMERS, 42L)).id();
  }

  private long orderCount() {
    return count("SELECT COUNT(*) FROM customer_order WHERE id LIKE ?", prefix + "-o-%");
  }

  private long count(String sql, String param) {
    return jdbc.sql(sql).param(param).query(Long.class).single();
  }

  private void removeAllTiers() {
    for (Tier tier : tiers.tiers()) {
      assertThat(tiers.delete(tier.id()).userErrors()).isEmpty();
    }
  }
}
