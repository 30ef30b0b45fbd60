package org.loyaltygraph.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltygraph.testing.Storefront.line;
import static org.loyaltygraph.testing.Storefront.order;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loyaltygraph.event.EveryEventEndpoint;
import org.loyaltygraph.event.ExpiryWarningJob;
import org.loyaltygraph.points.EarningRulesService;
import org.loyaltygraph.points.PointsMaintenanceJob;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.Ledger;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.loyaltygraph.testing.Storefront;
import org.loyaltygraph.testing.TableSnapshot;
import org.loyaltygraph.testing.TestProgram;
import org.loyaltygraph.tier.TierEvaluationJob;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@LoyaltyGraphTest
class OrderRecordTest {

  @Autowired ApplicationContext context;
  @Autowired GraphQLTestClient graphql;
  @Autowired MutableClock clock;
  @Autowired EarningRulesService rules;
  @Autowired PointsMaintenanceJob maintenance;
  @Autowired TierEvaluationJob tierEvaluation;
  @Autowired ExpiryWarningJob expiryWarnings;
  @Autowired JdbcClient jdbc;

  Storefront shop;
  Ledger ledger;
  Instant now;

  @BeforeEach
  void standardProgram() {
    now = Instant.parse("2026-03-01T12:00:00Z");
    clock.set(now);
    TestProgram.standard(rules);
    shop = new Storefront(graphql);
    ledger = new Ledger(jdbc);
  }

  @Test
  void anOrderEarnsPendingPointsWithAReceiptPerLine() {
    String customer = shop.newCustomer();
    String orderId = "o-" + UUID.randomUUID();

    JsonNode payload =
        shop.recordOrder(
            order(
                orderId,
                customer,
                now,
                "USD",
                List.of(line("a", "TEE", "apparel", 2, 1250), line("b", "MUG", "home", 1, 799))));

    assertThat(payload.path("userErrors").isEmpty()).isTrue();
    JsonNode order = payload.path("order");
    assertThat(order.path("pointsEarned").asLong()).isEqualTo(32); // 32.99 at 1 point per 1.00
    assertThat(
            order.at("/lines/0/receipt/points").asLong()
                + order.at("/lines/1/receipt/points").asLong())
        .isEqualTo(32);
    assertThat(order.at("/lines/0/receipt/base/amount").asLong()).isEqualTo(2500);
    assertThat(order.at("/lines/0/receipt/multiplier").asString()).isEqualTo("1");
    JsonNode points = shop.points(customer);
    assertThat(points.path("pending").asLong()).isEqualTo(32);
    assertThat(points.path("available").asLong()).isZero();
    assertThat(points.at("/pendingReleases/0/availableAt").asString())
        .isEqualTo(now.plus(Duration.ofDays(14)).toString());
    ledger.assertConsistent(customer);
  }

  @Test
  void pointsBecomeAvailableWhenTheReturnWindowEndsAndExpireAYearLater() {
    String customer = shop.newCustomer();
    shop.buy(customer, now, 5000, 1);

    clock.advance(Duration.ofDays(14));
    maintenance.runDue();
    JsonNode points = shop.points(customer);
    assertThat(points.path("available").asLong()).isEqualTo(50);
    assertThat(points.path("pending").asLong()).isZero();
    // available 2026-03-15 12:00 UTC; last day 2027-03-15; expired at the midnight that ends it
    assertThat(points.at("/upcomingExpiries/0/expiresAt").asString())
        .isEqualTo("2027-03-16T00:00:00Z");
    assertThat(points.path("expiringSoon").isEmpty()).isTrue();

    clock.advance(Duration.ofDays(340));
    assertThat(shop.points(customer).at("/expiringSoon/0/points").asLong()).isEqualTo(50);

    clock.set(Instant.parse("2027-03-15T23:59:59Z"));
    maintenance.runDue();
    assertThat(shop.points(customer).path("available").asLong()).isEqualTo(50);
    clock.set(Instant.parse("2027-03-16T00:00:00Z"));
    maintenance.runDue();
    assertThat(shop.points(customer).path("available").asLong()).isZero();
    ledger.assertConsistent(customer);
  }

  @Test
  void pointsEarnedUnderRulesWithoutExpiryNeverExpireAndAreNeverAnnouncedAsExpiring() {
    // the warnings are written only while an endpoint receives them
    try (EveryEventEndpoint everyEvent = EveryEventEndpoint.create(context)) {
      String expiring = shop.newCustomer();
      shop.buy(expiring, now, 5000, 1); // under the standard rules: expires at 2027-03-16 00:00
      assertThat(rules.update(neverExpire()).userErrors()).isEmpty();
      String keeping = shop.newCustomer();
      String orderId = shop.buy(keeping, now, 7000, 1);

      assertThat(ledger.lots(keeping)).isEqualTo(1);
      assertThat(
              ledger.count(
                  "SELECT COUNT(*) FROM points_lot WHERE customer_id = ? AND source_id = ?"
                      + " AND expires_at IS NULL",
                  keeping,
                  orderId))
          .as("the order's lot, with no expiry")
          .isEqualTo(1);
      clock.advance(Duration.ofDays(14));
      maintenance.runDue();
      JsonNode points = shop.points(keeping);
      assertThat(points.path("available").asLong()).isEqualTo(70);
      assertThat(points.path("upcomingExpiries").isEmpty()).isTrue();

      // within the warning period of the expiring customer's points: only they are announced
      clock.set(Instant.parse("2027-03-10T00:00:00Z"));
      expiryWarnings.runDue();
      assertThat(expiryWarningsOf(expiring)).isEqualTo(1);
      assertThat(expiryWarningsOf(keeping)).isZero();
      assertThat(shop.points(keeping).path("expiringSoon").isEmpty()).isTrue();

      // years later the expiring customer's points are gone, these are still there
      clock.set(Instant.parse("2031-03-01T00:00:00Z"));
      maintenance.runDue();
      expiryWarnings.runDue();
      assertThat(shop.points(expiring).path("available").asLong()).isZero();
      assertThat(shop.points(keeping).path("available").asLong()).isEqualTo(70);
      assertThat(
              ledger.count(
                  "SELECT COUNT(*) FROM points_entry WHERE customer_id = ? AND type = 'EXPIRE'",
                  keeping))
          .isZero();
      assertThat(expiryWarningsOf(keeping)).isZero();
      ledger.assertConsistent(keeping);
    } finally {
      TestProgram.standard(rules);
    }
  }

  private long expiryWarningsOf(String customer) {
    return ledger.count(
        "SELECT COUNT(*) FROM outbox_event WHERE customer_id = ? AND type = 'points.expiring'",
        customer);
  }

  private static EarningRulesService.RulesChange neverExpire() {
    return new EarningRulesService.RulesChange(
        null, null, null, null, true, null, null, null, null, null, null, null, null, null, null);
  }

  @Test
  void aReplayAnswersTheFirstResultAndAwardsOnce() {
    String customer = shop.newCustomer();
    Map<String, Object> order =
        order(
            "o-" + UUID.randomUUID(),
            customer,
            now,
            "USD",
            List.of(line("a", "TEE", null, 1, 2000)));

    JsonNode first = shop.recordOrder(order);
    JsonNode second = shop.recordOrder(order);

    assertThat(second.path("order")).isEqualTo(first.path("order"));
    assertThat(shop.points(customer).path("pending").asLong()).isEqualTo(20);
    assertThat(ledger.lots(customer)).isEqualTo(1);
  }

  @Test
  void theSameIdWithOtherContentIsRefusedAndChangesNothing() {
    String customer = shop.newCustomer();
    String id = "o-" + UUID.randomUUID();
    shop.recordOrder(order(id, customer, now, "USD", List.of(line("a", "TEE", null, 1, 2000))));

    JsonNode reused =
        shop.recordOrder(order(id, customer, now, "USD", List.of(line("a", "TEE", null, 3, 2000))));

    assertThat(reused.at("/userErrors/0/code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    assertThat(reused.path("order").isNull()).isTrue();
    assertThat(shop.points(customer).path("pending").asLong()).isEqualTo(20);
  }

  @Test
  void theSameCartInAnotherCurrencyEarnsTheSamePointsAtTheSentRate() {
    String customer = shop.newCustomer();
    Map<String, Object> eur =
        new HashMap<>(
            order(
                "o-" + UUID.randomUUID(),
                customer,
                now,
                "EUR",
                List.of(line("a", "TEE", null, 1, 4000))));
    eur.put("exchangeRate", "1.25");
    Map<String, Object> jpy =
        new HashMap<>(
            order(
                "o-" + UUID.randomUUID(),
                customer,
                now,
                "JPY",
                List.of(line("a", "TEE", null, 1, 7500))));
    jpy.put("exchangeRate", "0.00666667"); // 7500 JPY -> 50.00 USD (rounded down to 50.00)

    JsonNode inEuros = shop.recordOrder(eur).path("order");
    JsonNode inYen = shop.recordOrder(jpy).path("order");

    assertThat(inEuros.path("pointsEarned").asLong()).isEqualTo(50);
    assertThat(inEuros.at("/lines/0/receipt/base").toString()).contains("5000").contains("USD");
    assertThat(inEuros.at("/subtotal/currency").asString()).isEqualTo("EUR");
    assertThat(inYen.path("pointsEarned").asLong()).isEqualTo(50);
  }

  static Stream<Arguments> badOrders() {
    return Stream.of(
        Arguments.of("unknown currency", "UNKNOWN_CURRENCY", edit(o -> o.put("currency", "ZZZ"))),
        Arguments.of(
            "no rate for a foreign currency",
            "EXCHANGE_RATE_REQUIRED",
            edit(o -> o.put("currency", "EUR"))),
        Arguments.of("zero quantity", "INVALID_QUANTITY", editLine(l -> l.put("quantity", 0))),
        Arguments.of("negative quantity", "INVALID_QUANTITY", editLine(l -> l.put("quantity", -2))),
        Arguments.of("negative price", "INVALID_AMOUNT", editLine(l -> l.put("unitPrice", -100))),
        Arguments.of("negative discount", "INVALID_AMOUNT", editLine(l -> l.put("discount", -1))),
        Arguments.of(
            "discount above the line", "INVALID_AMOUNT", editLine(l -> l.put("discount", 5001))),
        Arguments.of("no lines", "REQUIRED", edit(o -> o.put("lines", List.of()))),
        Arguments.of(
            "a line twice",
            "DUPLICATE_LINE",
            edit(
                o ->
                    o.put(
                        "lines",
                        List.of(line("a", "X", null, 1, 100), line("a", "Y", null, 1, 100))))),
        Arguments.of(
            "unknown customer",
            "UNKNOWN_CUSTOMER",
            edit(o -> o.put("customerId", "nobody-" + UUID.randomUUID()))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badOrders")
  void badInputIsAUserErrorWithItsCodeAndWritesNothing(
      String name, String code, Consumer<Map<String, Object>> edit) {
    String customer = shop.newCustomer();
    String id = "o-" + UUID.randomUUID();
    Map<String, Object> order =
        new HashMap<>(
            order(
                id,
                customer,
                now,
                "USD",
                new ArrayList<>(List.of(new HashMap<>(line("a", "TEE", null, 1, 5000))))));
    edit.accept(order);
    String orderCustomer = (String) order.get("customerId");
    // what the scheduled jobs could find due on this clock, done now: only the order writes next
    maintenance.runDue();
    tierEvaluation.runDue();
    TableSnapshot before = TableSnapshot.of(jdbc);

    JsonNode payload = shop.recordOrder(order);

    assertThat(payload.at("/userErrors/0/code").asString()).isEqualTo(code);
    assertThat(payload.at("/userErrors/0/field").isArray()).isTrue();
    assertThat(payload.path("order").isNull()).isTrue();
    assertThat(ledger.count("SELECT COUNT(*) FROM customer_order WHERE id = ?", id)).isZero();
    assertThat(ledger.count("SELECT COUNT(*) FROM order_line WHERE order_id = ?", id)).isZero();
    assertThat(ledger.lots(customer)).isZero();
    // an order never creates its customer: an unknown one stays unknown, with no account
    assertThat(ledger.count("SELECT COUNT(*) FROM customer WHERE id = ?", orderCustomer))
        .isEqualTo(orderCustomer.equals(customer) ? 1 : 0);
    assertThat(
            ledger.count(
                "SELECT COUNT(*) FROM points_account WHERE customer_id = ?", orderCustomer))
        .isZero();
    assertThat(TableSnapshot.of(jdbc)).as("rows of every table").isEqualTo(before);
  }

  private static Consumer<Map<String, Object>> edit(Consumer<Map<String, Object>> change) {
    return change;
  }

  @SuppressWarnings("unchecked")
  private static Consumer<Map<String, Object>> editLine(Consumer<Map<String, Object>> change) {
    return o -> change.accept(((List<Map<String, Object>>) o.get("lines")).get(0));
  }
}
