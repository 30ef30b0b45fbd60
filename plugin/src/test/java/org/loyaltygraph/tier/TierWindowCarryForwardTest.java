package org.loyaltygraph.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.spring.JqwikSpringSupport;
import org.loyaltygraph.order.OrderRecorded;
import org.loyaltygraph.order.OrderRefunded;
import org.loyaltygraph.order.OrdersRecorded;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Orders and refunds add their activity to the customer's stored window instead of reading the
 * whole window again. Random sequences of orders (alone and written together, dated back, ahead and
 * now), refunds, clock moves (forward and back), program changes and merges, on the real database:
 * after every step, each customer evaluated in it under today's rules stores exactly what a full
 * read of the window gives, and the storefront's standing (answered from the stored window for
 * customers without a tier) says the same.
 */
@JqwikSpringSupport
@LoyaltyGraphTest
class TierWindowCarryForwardTest {

  sealed interface Step permits Buy, BuyTogether, Refund, Wait, Program, Merge, RunJob {}

  /**
   * An order of customer {@code who}, placed {@code daysAgo} days and {@code nanosEarlier} before
   * now (negative days: ahead): any time of day, finer than the database keeps.
   */
  record Buy(int who, long spend, int daysAgo, long nanosEarlier) implements Step {}

  /** One order of each of the first {@code customers} customers, written together. */
  record BuyTogether(int customers, long spend) implements Step {}

  record Refund(int order, long spend) implements Step {}

  record Wait(int days, int seconds) implements Step {}

  record Program(TierProgram.Basis basis, TierProgram.Window window, int months, String timeZone)
      implements Step {}

  /** Customer {@code who + 1} merged into {@code who}. */
  record Merge(int who) implements Step {}

  record RunJob() implements Step {}

  private static final int CUSTOMERS = 3;

  @Autowired TierService tiers;
  @Autowired TierStateRepository states;
  @Autowired TierActivityRepository activity;
  @Autowired TierCatalog catalog;
  @Autowired TierEvaluationJob job;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate transactions;
  @Autowired MutableClock clock;

  private TierProgramFixture program;

  @AfterProperty
  void backToDefaults() {
    if (program != null) {
      program.reset();
    }
  }

  @Property(tries = 40)
  void everyEvaluationStoresWhatAFullReadOfTheWindowGives(@ForAll("steps") List<Step> steps) {
    clock.set(Instant.parse("2026-03-10T12:00:00Z"));
    program = new TierProgramFixture(tiers);
    program.reset();
    program.tier("silver", 10_000, "1.5");
    program.tier("gold", 40_000, "2");
    String run = "w-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> customers = new ArrayList<>();
    for (int i = 0; i < CUSTOMERS; i++) {
      customers.add(run + "-c" + i);
    }
    List<OrderRecorded> placed = new ArrayList<>();
    int n = 0;
    for (Step step : steps) {
      String id = run + "-" + n++;
      apply(step, id, customers, placed);
      for (String customer : customers) {
        states
            .find(customer)
            .filter(s -> clock.instant().equals(s.evaluatedAt()))
            .filter(s -> s.rulesVersion() == catalog.fresh().rulesVersion())
            .ifPresent(stored -> assertReadsTheSame(stored, step));
      }
    }
  }

  /**
   * A calendar-year window that was empty holds no roll-out time, yet the new year brings in an
   * order dated ahead into it: the first order of the year reads the window.
   */
  @Example
  void anOrderDatedIntoTheNextYearCountsOnceThatYearStarts() {
    clock.set(Instant.parse("2026-12-30T12:00:00Z"));
    program = new TierProgramFixture(tiers);
    program.reset();
    program.program(
        new TierProgramEdit(
            TierProgram.Basis.SPEND, TierProgram.Window.CALENDAR_YEAR, 12, 30, "UTC"));
    String customer = "w-" + UUID.randomUUID();
    publish(
        new OrderRecorded(
            customer + "-o1", customer, Instant.parse("2027-01-02T09:00:00Z"), 5_000, 50));
    assertThat(states.find(customer).orElseThrow().qualifyingAmount()).isZero();

    clock.set(Instant.parse("2027-01-05T12:00:00Z"));
    publish(new OrderRecorded(customer + "-o2", customer, clock.instant(), 100, 1));

    TierState stored = states.find(customer).orElseThrow();
    assertThat(stored.qualifyingAmount()).isEqualTo(5_100);
    assertReadsTheSame(stored, null);
  }

  /**
   * An order placed 300 ns before the window starts: the database keeps microseconds, so the time
   * compared with the window's start must be the one stored (not rounded up into the window).
   */
  @Example
  void aTimeFinerThanTheDatabaseKeepsIsJudgedAsStored() {
    clock.set(Instant.parse("2026-03-10T12:00:00Z"));
    program = new TierProgramFixture(tiers);
    program.reset();
    String customer = "w-" + UUID.randomUUID();
    publish(new OrderRecorded(customer + "-o1", customer, clock.instant(), 1_000, 10));
    publish(
        new OrderRecorded(
            customer + "-o2",
            customer,
            Instant.parse("2025-03-10T00:00:00Z").minusNanos(300),
            5_000,
            50));

    TierState stored = states.find(customer).orElseThrow();
    assertThat(stored.qualifyingAmount()).isEqualTo(1_000);
    assertReadsTheSame(stored, null);
  }

  /**
   * The stored state and the storefront's standing both match the customer's rows in the window,
   * summed here from a plain read.
   */
  private void assertReadsTheSame(TierState stored, Step step) {
    String customer = stored.customerId();
    TierProgram program = catalog.fresh().program();
    Instant now = clock.instant();
    QualifyingWindow window =
        QualifyingWindow.of(
            activity.inWindow(List.of(customer), program, now).getOrDefault(customer, List.of()),
            program);
    Instant next = earliest(window.rollsAt(), stored.graceEndsAt());
    assertThat(stored.qualifyingAmount())
        .as("stored amount of %s after %s", customer, step)
        .isEqualTo(window.amount());
    assertThat(stored.nextEvaluationAt())
        .as("next evaluation of %s after %s", customer, step)
        .isEqualTo(next);
    assertThat(stored.windowRollsAt())
        .as("roll-out of %s after %s", customer, step)
        .isEqualTo(window.rollsAt());
    assertThat(stored.windowKnown()).as("window kept by the evaluation").isTrue();
    TierStanding standing = tiers.standing(customer);
    assertThat(standing.qualifyingAmount())
        .as("standing amount of %s after %s", customer, step)
        .isEqualTo(window.amount());
    assertThat(standing.nextEvaluationAt())
        .as("standing's next evaluation of %s after %s", customer, step)
        .isEqualTo(next);
    Tier held =
        stored.tierId() == null ? null : catalog.fresh().tier(stored.tierId()).orElseThrow();
    long remaining =
        next == null
            ? window.amount()
            : TierRules.remainingAt(
                activity
                    .inWindow(List.of(customer), program, now)
                    .getOrDefault(customer, List.of()),
                program,
                next);
    assertThat(standing.amountToKeepTier())
        .as("amount to keep the tier of %s after %s", customer, step)
        .isEqualTo(held == null ? 0 : Math.max(0, held.threshold() - remaining));
  }

  private static Instant earliest(Instant a, Instant b) {
    return a == null || (b != null && b.isBefore(a)) ? b : a;
  }

  private void apply(Step step, String id, List<String> customers, List<OrderRecorded> placed) {
    Instant now = clock.instant();
    if (step instanceof Buy b) {
      OrderRecorded order =
          new OrderRecorded(
              id,
              customers.get(b.who()),
              now.minus(Duration.ofDays(b.daysAgo())).minusNanos(b.nanosEarlier()),
              b.spend(),
              b.spend() / 100);
      placed.add(order);
      publish(order);
    } else if (step instanceof BuyTogether t) {
      List<OrderRecorded> together = new ArrayList<>();
      for (int i = 0; i < t.customers(); i++) {
        together.add(
            new OrderRecorded(id + "-" + i, customers.get(i), now, t.spend(), t.spend() / 100));
      }
      placed.addAll(together);
      publish(new OrdersRecorded(together));
    } else if (step instanceof Refund r && !placed.isEmpty()) {
      OrderRecorded order = placed.get(r.order() % placed.size());
      publish(
          new OrderRefunded(
              id,
              order.orderId(),
              order.customerId(),
              order.placedAt(),
              now,
              r.spend(),
              r.spend() / 100));
    } else if (step instanceof Wait w) {
      clock.advance(Duration.ofDays(w.days()).plusSeconds(w.seconds()));
    } else if (step instanceof Program p) {
      program.program(new TierProgramEdit(p.basis(), p.window(), p.months(), 30, p.timeZone()));
    } else if (step instanceof Merge m) {
      transactions.executeWithoutResult(
          status -> tiers.merge(customers.get(m.who()), customers.get(m.who() + 1)));
    } else if (step instanceof RunJob) {
      job.runDue();
    }
  }

  private void publish(Object event) {
    transactions.executeWithoutResult(status -> events.publishEvent(event));
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> buy =
        Arbitraries.integers()
            .between(0, CUSTOMERS - 1)
            .flatMap(
                who ->
                    Arbitraries.longs()
                        .between(100, 30_000)
                        .flatMap(
                            spend ->
                                Arbitraries.integers()
                                    .between(-3, 400)
                                    .flatMap(
                                        days ->
                                            Arbitraries.longs()
                                                .between(0, 86_400_000_000_000L - 1)
                                                .map(nanos -> new Buy(who, spend, days, nanos)))));
    Arbitrary<Step> buyNow =
        Arbitraries.integers()
            .between(0, CUSTOMERS - 1)
            .flatMap(
                who -> Arbitraries.longs().between(100, 30_000).map(s -> new Buy(who, s, 0, 0)));
    Arbitrary<Step> together =
        Arbitraries.integers()
            .between(2, CUSTOMERS)
            .flatMap(c -> Arbitraries.longs().between(100, 30_000).map(s -> new BuyTogether(c, s)));
    Arbitrary<Step> refund =
        Arbitraries.integers()
            .between(0, 30)
            .flatMap(o -> Arbitraries.longs().between(1, 20_000).map(s -> new Refund(o, s)));
    Arbitrary<Integer> days =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.integers().between(1, 120)),
            Tuple.of(1, Arbitraries.integers().between(-20, -1)));
    Arbitrary<String> zones = Arbitraries.of("UTC", "Pacific/Auckland", "America/New_York");
    Arbitrary<Step> program =
        Arbitraries.of(TierProgram.Basis.class)
            .flatMap(
                basis ->
                    Arbitraries.of(TierProgram.Window.class)
                        .flatMap(
                            window ->
                                Arbitraries.integers()
                                    .between(1, 12)
                                    .flatMap(
                                        months ->
                                            zones.map(
                                                zone ->
                                                    new Program(basis, window, months, zone)))));
    Arbitrary<Step> merge = Arbitraries.integers().between(0, CUSTOMERS - 2).map(Merge::new);
    return Arbitraries.frequencyOf(
            Tuple.of(4, buy),
            Tuple.of(4, buyNow),
            Tuple.of(2, together),
            Tuple.of(2, refund),
            Tuple.of(
                3,
                days.flatMap(
                    d ->
                        Arbitraries.integers().between(0, 86_399).map(s -> (Step) new Wait(d, s)))),
            Tuple.of(1, program),
            Tuple.of(1, merge),
            Tuple.of(1, Arbitraries.just((Step) new RunJob())))
        .list()
        .ofMinSize(5)
        .ofMaxSize(30);
  }
}
