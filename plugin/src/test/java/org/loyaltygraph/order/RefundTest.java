package org.loyaltygraph.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltygraph.testing.Storefront.line;
import static org.loyaltygraph.testing.Storefront.order;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.points.AdjustmentService;
import org.loyaltygraph.points.EarningRulesService;
import org.loyaltygraph.points.NegativeBalancePolicy;
import org.loyaltygraph.points.PointsMaintenanceJob;
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

@LoyaltyGraphTest
class RefundTest {

  @Autowired GraphQLTestClient graphql;
  @Autowired MutableClock clock;
  @Autowired EarningRulesService rules;
  @Autowired PointsMaintenanceJob maintenance;
  @Autowired AdjustmentService adjustments;
  @Autowired TierEvaluationJob tierEvaluation;
  @Autowired JdbcClient jdbc;

  Storefront shop;
  Ledger ledger;
  Instant now;

  @BeforeEach
  void standardProgram() {
    now = Instant.parse("2026-04-01T09:00:00Z");
    clock.set(now);
    TestProgram.standard(rules);
    shop = new Storefront(graphql);
    ledger = new Ledger(jdbc);
  }

  /** One line of 3 units at 33.34: the line earns 100 points (10002 cents). */
  private String threeUnitOrder(String customer) {
    String orderId = "o-" + UUID.randomUUID();
    shop.recordOrder(
        order(orderId, customer, now, "USD", List.of(line("l1", "COAT", "apparel", 3, 3334))));
    return orderId;
  }

  /** Lines "a" at 60.00 and "b" at 40.00, one unit each: 60 and 40 points. */
  private String twoLineOrder(String customer) {
    String orderId = "o-" + UUID.randomUUID();
    shop.recordOrder(
        order(
            orderId,
            customer,
            now,
            "USD",
            List.of(line("a", "A", null, 1, 6000), line("b", "B", null, 1, 4000))));
    return orderId;
  }

  @Test
  void threePartialRefundsOfALineReverseExactlyWhatItEarnedNeverMore() {
    String customer = shop.newCustomer();
    String orderId = threeUnitOrder(customer);
    clock.advance(Duration.ofDays(15));
    maintenance.runDue();
    assertThat(shop.points(customer).path("available").asLong()).isEqualTo(100);

    long first =
        shop.refundUnits("r1-" + orderId, orderId, "l1", 1).at("/refund/pointsReversed").asLong();
    long second =
        shop.refundUnits("r2-" + orderId, orderId, "l1", 1).at("/refund/pointsReversed").asLong();
    long third =
        shop.refundUnits("r3-" + orderId, orderId, "l1", 1).at("/refund/pointsReversed").asLong();
    JsonNode fourth = shop.refundUnits("r4-" + orderId, orderId, "l1", 1);

    assertThat(List.of(first, second, third)).containsExactly(33L, 33L, 34L);
    assertThat(first + second + third).isEqualTo(100);
    assertThat(fourth.at("/userErrors/0/code").asString()).isEqualTo("REFUND_EXCEEDS_PURCHASE");
    assertThat(shop.points(customer).path("available").asLong()).isZero();
    ledger.assertConsistent(customer);
  }

  /**
   * Amount and unit refunds of a line combine: its refunded amount is the larger of what amounts
   * gave it and its refunded units' share, so units coming back after an amount refund take back
   * only what the amount had not, and never more units or points than the line had.
   */
  @Test
  void unitsReturnedAfterAnAmountRefundTakeBackOnlyWhatTheAmountHadNot() {
    String customer = shop.newCustomer();
    String orderId = threeUnitOrder(customer);

    JsonNode half =
        shop.refund(Map.of("id", "ra-" + orderId, "orderId", orderId, "amount", 5001))
            .path("refund");
    JsonNode oneUnit = shop.refundUnits("r1-" + orderId, orderId, "l1", 1).path("refund");
    JsonNode twoUnits = shop.refundUnits("r2-" + orderId, orderId, "l1", 2).path("refund");
    JsonNode oneMore = shop.refundUnits("r3-" + orderId, orderId, "l1", 1);
    JsonNode anyAmount =
        shop.refund(Map.of("id", "rb-" + orderId, "orderId", orderId, "amount", 1));

    assertThat(half.path("pointsCanceled").asLong()).isEqualTo(50);
    // a third of the line (3334) is less than the 5001 refunded already: nothing more to take
    assertThat(oneUnit.at("/lines/0/quantity").asInt()).isEqualTo(1);
    assertThat(oneUnit.path("pointsCanceled").asLong()).isZero();
    assertThat(twoUnits.path("pointsCanceled").asLong()).isEqualTo(50);
    assertThat(oneMore.at("/userErrors/0/code").asString()).isEqualTo("REFUND_EXCEEDS_PURCHASE");
    assertThat(anyAmount.at("/userErrors/0/code").asString()).isEqualTo("REFUND_EXCEEDS_PURCHASE");
    assertThat(shop.points(customer).path("pending").asLong()).isZero();
    ledger.assertConsistent(customer);
  }

  @Test
  void aRefundInsideTheReturnWindowCancelsThePendingPoints() {
    String customer = shop.newCustomer();
    String orderId = threeUnitOrder(customer);

    JsonNode refund = shop.refundUnits("r-" + orderId, orderId, "l1", 3).path("refund");

    assertThat(refund.path("pointsCanceled").asLong()).isEqualTo(100);
    assertThat(refund.path("pointsReversed").asLong()).isZero();
    clock.advance(Duration.ofDays(30));
    maintenance.runDue();
    JsonNode points = shop.points(customer);
    assertThat(points.path("pending").asLong()).isZero();
    assertThat(points.path("available").asLong()).isZero();
    assertThat(
            ledger.count(
                "SELECT COUNT(*) FROM points_lot WHERE customer_id = ? AND status = 'CANCELED'",
                customer))
        .isEqualTo(1);
    ledger.assertConsistent(customer);
  }

  @Test
  void aRefundReplayedChangesNothingAndOtherContentIsRefused() {
    String customer = shop.newCustomer();
    String orderId = threeUnitOrder(customer);
    String refundId = "r-" + UUID.randomUUID();

    JsonNode first = shop.refundUnits(refundId, orderId, "l1", 1);
    JsonNode again = shop.refundUnits(refundId, orderId, "l1", 1);
    JsonNode other = shop.refundUnits(refundId, orderId, "l1", 2);

    assertThat(again.path("refund")).isEqualTo(first.path("refund"));
    assertThat(other.at("/userErrors/0/code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    assertThat(shop.points(customer).path("pending").asLong()).isEqualTo(100 - 33);
  }

  @Test
  void anAmountRefundIsSpreadOverTheLinesProRata() {
    String customer = shop.newCustomer();
    String orderId = twoLineOrder(customer);

    JsonNode refund =
        shop.refund(Map.of("id", "r-" + orderId, "orderId", orderId, "amount", 5000))
            .path("refund");

    assertThat(refund.path("pointsCanceled").asLong()).isEqualTo(50);
    assertThat(refund.at("/lines/0/points").asLong()).isEqualTo(30);
    assertThat(refund.at("/lines/1/points").asLong()).isEqualTo(20);
    JsonNode tooMuch =
        shop.refund(Map.of("id", "r2-" + orderId, "orderId", orderId, "amount", 5001));
    assertThat(tooMuch.at("/userErrors/0/code").asString()).isEqualTo("REFUND_EXCEEDS_PURCHASE");
  }

  @Test
  void spentPointsUnderStopAtZeroLeaveAShortfall() {
    String customer = shop.newCustomer();
    String orderId = threeUnitOrder(customer);
    clock.advance(Duration.ofDays(15));
    maintenance.runDue();
    adjustments.adjust(customer, -80, "spent at the till", "spend-" + customer, "test");

    JsonNode refund = shop.refundUnits("r-" + orderId, orderId, "l1", 3).path("refund");

    assertThat(refund.path("pointsReversed").asLong()).isEqualTo(20);
    assertThat(refund.path("shortfall").asLong()).isEqualTo(80);
    assertThat(shop.points(customer).path("available").asLong()).isZero();
    ledger.assertConsistent(customer);
  }

  @Test
  void spentPointsUnderAllowNegativeGoBelowZeroAndLaterPointsSettleTheDebt() {
    TestProgram.standard(rules, NegativeBalancePolicy.ALLOW_NEGATIVE);
    String customer = shop.newCustomer();
    String orderId = threeUnitOrder(customer);
    clock.advance(Duration.ofDays(15));
    maintenance.runDue();
    adjustments.adjust(customer, -80, "spent at the till", "spend-" + customer, "test");

    JsonNode refund = shop.refundUnits("r-" + orderId, orderId, "l1", 3).path("refund");
    assertThat(refund.path("pointsReversed").asLong()).isEqualTo(100);
    assertThat(shop.points(customer).path("available").asLong()).isEqualTo(-80);
    ledger.assertConsistent(customer);

    shop.buy(customer, clock.instant(), 5000, 1);
    clock.advance(Duration.ofDays(15));
    maintenance.runDue();
    assertThat(shop.points(customer).path("available").asLong()).isEqualTo(-30);
    ledger.assertConsistent(customer);
  }

  @Test
  void refundsOfUnknownOrdersOrLinesAreRefusedAndWriteNothing() {
    String customer = shop.newCustomer();
    String orderId = threeUnitOrder(customer);
    // what the scheduled jobs could find due on this clock, done now: only the refunds write next
    maintenance.runDue();
    tierEvaluation.runDue();
    TableSnapshot before = TableSnapshot.of(jdbc);

    JsonNode unknownOrder =
        shop.refundUnits("r-" + UUID.randomUUID(), "nope-" + UUID.randomUUID(), "l1", 1);
    JsonNode unknownLine = shop.refundUnits("r-" + UUID.randomUUID(), orderId, "l9", 1);
    JsonNode zero = shop.refundUnits("r-" + UUID.randomUUID(), orderId, "l1", 0);
    JsonNode negative = shop.refundUnits("r-" + UUID.randomUUID(), orderId, "l1", -1);
    JsonNode tooMany = shop.refundUnits("r-" + UUID.randomUUID(), orderId, "l1", 4);

    assertThat(unknownOrder.at("/userErrors/0/code").asString()).isEqualTo("UNKNOWN_ORDER");
    assertThat(unknownLine.at("/userErrors/0/code").asString()).isEqualTo("UNKNOWN_LINE");
    assertThat(zero.at("/userErrors/0/code").asString()).isEqualTo("INVALID_QUANTITY");
    assertThat(negative.at("/userErrors/0/code").asString()).isEqualTo("INVALID_QUANTITY");
    assertThat(negative.at("/userErrors/0/field").toString())
        .isEqualTo("[\"input\",\"lines\",\"0\",\"quantity\"]");
    assertThat(tooMany.at("/userErrors/0/code").asString()).isEqualTo("REFUND_EXCEEDS_PURCHASE");
    assertThat(List.of(unknownOrder, unknownLine, zero, negative, tooMany))
        .allSatisfy(refused -> assertThat(refused.path("refund").isNull()).isTrue());
    assertThat(TableSnapshot.of(jdbc)).as("rows of every table").isEqualTo(before);
    assertThat(shop.points(customer).path("pending").asLong()).isEqualTo(100);
  }

  @Test
  void refundsOfABadAmountAreRefusedAndWriteNothing() {
    String customer = shop.newCustomer();
    String orderId = twoLineOrder(customer);
    clock.advance(Duration.ofDays(15));
    maintenance.runDue();
    JsonNode half =
        shop.refund(Map.of("id", "r1-" + orderId, "orderId", orderId, "amount", 5000))
            .path("refund");
    assertThat(half.path("pointsReversed").asLong()).isEqualTo(50);
    // what the scheduled jobs could find due on this clock, done now: only the refunds write next
    maintenance.runDue();
    tierEvaluation.runDue();
    TableSnapshot before = TableSnapshot.of(jdbc);
    List<String> entries = ledger.entryLines(customer);
    List<String> lines = refundedLines(orderId);
    JsonNode orderBefore = shop.order(orderId);
    String refundId = "r2-" + orderId;

    JsonNode zero = shop.refund(Map.of("id", refundId, "orderId", orderId, "amount", 0));
    JsonNode negative = shop.refund(Map.of("id", refundId, "orderId", orderId, "amount", -100));
    JsonNode tooMuch = shop.refund(Map.of("id", refundId, "orderId", orderId, "amount", 5001));
    JsonNode both =
        shop.refund(
            Map.of(
                "id",
                refundId,
                "orderId",
                orderId,
                "amount",
                1000,
                "lines",
                List.of(Map.of("lineId", "a", "quantity", 1))));

    assertThat(zero.at("/userErrors/0/code").asString()).isEqualTo("INVALID_AMOUNT");
    assertThat(negative.at("/userErrors/0/code").asString()).isEqualTo("INVALID_AMOUNT");
    assertThat(negative.at("/userErrors/0/field").toString()).isEqualTo("[\"input\",\"amount\"]");
    assertThat(tooMuch.at("/userErrors/0/code").asString()).isEqualTo("REFUND_EXCEEDS_PURCHASE");
    assertThat(tooMuch.at("/userErrors/0/field").toString()).isEqualTo("[\"input\",\"amount\"]");
    assertThat(both.at("/userErrors/0/code").asString()).isEqualTo("INVALID");
    assertThat(List.of(zero, negative, tooMuch, both))
        .allSatisfy(refused -> assertThat(refused.path("refund").isNull()).isTrue());
    assertThat(TableSnapshot.of(jdbc)).as("rows of every table").isEqualTo(before);
    assertThat(ledger.entryLines(customer)).as("ledger entries").isEqualTo(entries);
    assertThat(refundedLines(orderId)).as("refunded per line").isEqualTo(lines);
    assertThat(lines).containsExactly("a 1 0 3000", "b 1 0 2000");
    assertThat(shop.order(orderId)).isEqualTo(orderBefore);
    assertThat(shop.points(customer).path("available").asLong()).isEqualTo(50);
    assertThat(refundsOf(orderId)).containsExactly("r1-" + orderId + " 5000 50");
    ledger.assertConsistent(customer);
    // the refused calls did not take the refund id: what is left can still be refunded under it
    JsonNode rest =
        shop.refund(Map.of("id", refundId, "orderId", orderId, "amount", 5000)).path("refund");
    assertThat(rest.path("pointsReversed").asLong()).isEqualTo(50);
    assertThat(shop.points(customer).path("available").asLong()).isZero();
  }

  /** The order's lines as "line quantity refundedQuantity refundedAmount". */
  private List<String> refundedLines(String orderId) {
    return RowLines.of(
        jdbc,
        "SELECT line_id, quantity, refunded_quantity, refunded_amount FROM order_line"
            + " WHERE order_id = ? ORDER BY line_no",
        orderId);
  }

  /** The order's refunds as "id amount pointsReversed". */
  private List<String> refundsOf(String orderId) {
    return RowLines.of(
        jdbc,
        "SELECT id, amount, points_reversed FROM order_refund WHERE order_id = ? ORDER BY id",
        orderId);
  }
}
