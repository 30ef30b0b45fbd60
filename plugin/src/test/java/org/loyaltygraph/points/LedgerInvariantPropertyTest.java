package org.loyaltygraph.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeTry;
import net.jqwik.spring.JqwikSpringSupport;
import org.loyaltygraph.customer.CustomerService;
import org.loyaltygraph.customer.CustomerUpsert;
import org.loyaltygraph.order.OrderInput;
import org.loyaltygraph.order.OrderService;
import org.loyaltygraph.order.RefundInput;
import org.loyaltygraph.order.RefundService;
import org.loyaltygraph.testing.Ledger;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.loyaltygraph.testing.TestProgram;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Random sequences of orders, refunds, redemptions, adjustments and clock moves, on the real
 * database: after every step the ledger invariant holds, no line has more taken back than it
 * earned, under STOP_AT_ZERO no balance is ever negative, and under ALLOW_NEGATIVE only a refund
 * takes a balance below zero or further below it.
 */
@JqwikSpringSupport
@LoyaltyGraphTest
class LedgerInvariantPropertyTest {

  sealed interface Step permits Buy, RefundUnits, RefundAmount, Redeem, Adjust, Wait {}

  record Buy(long unitPrice, int quantity) implements Step {}

  record RefundUnits(int order, int units) implements Step {}

  record RefundAmount(int order, long amount) implements Step {}

  record Redeem(int reward) implements Step {}

  record Adjust(long points) implements Step {}

  record Wait(int days) implements Step {}

  @Autowired OrderService orders;
  @Autowired RefundService refunds;
  @Autowired RedemptionService redemptions;
  @Autowired AdjustmentService adjustments;
  @Autowired RewardService rewards;
  @Autowired CustomerService customers;
  @Autowired EarningRulesService rules;
  @Autowired PointsMaintenanceJob maintenance;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;

  private final List<String> rewardIds = List.of("prop-cheap", "prop-dear");

  @BeforeTry
  void rewardsExist() {
    rewards.create(
        new Reward(
            "prop-cheap", "Cheap", null, 10, Reward.Type.FREE_SHIPPING, null, null, null, true));
    rewards.create(
        new Reward("prop-dear", "Dear", null, 75, Reward.Type.PERCENT_OFF, null, null, 10, true));
  }

  @Property(tries = 25)
  void theLedgerStaysConsistentAndWithinPolicy(
      @ForAll("steps") List<Step> steps, @ForAll NegativeBalancePolicy policy) {
    clock.set(Instant.parse("2026-06-01T00:00:00Z"));
    TestProgram.standard(rules, policy);
    String customer = "prop-" + UUID.randomUUID();
    customers.upsert(new CustomerUpsert(customer, null, null, null, null));
    Ledger ledger = new Ledger(jdbc);
    List<String> orderIds = new ArrayList<>();
    int n = 0;
    for (Step step : steps) {
      String key = customer + "-" + n++;
      long before = ledger.balance(customer);
      apply(step, key, customer, orderIds);
      ledger.assertConsistent(customer);
      long after = ledger.balance(customer);
      if (policy == NegativeBalancePolicy.STOP_AT_ZERO) {
        assertThat(after).as("balance after %s", step).isNotNegative();
      } else if (!(step instanceof RefundUnits || step instanceof RefundAmount)) {
        // ALLOW_NEGATIVE lets a refund take back points already spent; nothing else may spend
        // what is not there: a redemption or a removal is refused, an expiry finds no lot
        assertThat(after)
            .as("balance after %s, from %s", step, before)
            .isGreaterThanOrEqualTo(Math.min(0, before));
      }
      assertThat(
              ledger.count(
                  "SELECT COUNT(*) FROM order_line l JOIN customer_order o ON o.id = l.order_id"
                      + " WHERE o.customer_id = ? AND (l.reversed_points > l.points OR l.refunded_amount > l.paid)",
                  customer))
          .as("lines with more taken back than earned")
          .isZero();
    }
  }

  private void apply(Step step, String key, String customer, List<String> orderIds) {
    if (step instanceof Buy b) {
      orders.record(
          new OrderInput(
              key,
              customer,
              clock.instant(),
              "USD",
              null,
              List.of(new OrderInput.Line("l1", "SKU", null, b.quantity(), b.unitPrice(), 0))));
      orderIds.add(key);
    } else if (step instanceof RefundUnits r && !orderIds.isEmpty()) {
      refunds.refund(
          new RefundInput(
              key,
              orderIds.get(r.order() % orderIds.size()),
              null,
              List.of(new RefundInput.Line("l1", r.units())),
              null));
    } else if (step instanceof RefundAmount r && !orderIds.isEmpty()) {
      refunds.refund(
          new RefundInput(key, orderIds.get(r.order() % orderIds.size()), null, null, r.amount()));
    } else if (step instanceof Redeem r) {
      redemptions.redeem(customer, rewardIds.get(r.reward()), key);
    } else if (step instanceof Adjust a) {
      adjustments.adjust(customer, a.points(), "property test", key, "test");
    } else if (step instanceof Wait w) {
      clock.advance(Duration.ofDays(w.days()));
      maintenance.runDue();
    }
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> buy =
        Arbitraries.longs()
            .between(50, 20_000)
            .flatMap(p -> Arbitraries.integers().between(1, 3).map(q -> new Buy(p, q)));
    Arbitrary<Step> refundUnits =
        Arbitraries.integers()
            .between(0, 20)
            .flatMap(o -> Arbitraries.integers().between(1, 3).map(u -> new RefundUnits(o, u)));
    Arbitrary<Step> refundAmount =
        Arbitraries.integers()
            .between(0, 20)
            .flatMap(o -> Arbitraries.longs().between(1, 9_000).map(a -> new RefundAmount(o, a)));
    Arbitrary<Step> redeem = Arbitraries.integers().between(0, 1).map(Redeem::new);
    Arbitrary<Step> adjust =
        Arbitraries.longs().between(-60, 150).filter(p -> p != 0).map(Adjust::new);
    Arbitrary<Step> wait = Arbitraries.integers().between(1, 200).map(Wait::new);
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(5, buy),
            net.jqwik.api.Tuple.of(3, refundUnits),
            net.jqwik.api.Tuple.of(2, refundAmount),
            net.jqwik.api.Tuple.of(3, redeem),
            net.jqwik.api.Tuple.of(2, adjust),
            net.jqwik.api.Tuple.of(3, wait))
        .list()
        .ofMinSize(3)
        .ofMaxSize(25);
  }
}
