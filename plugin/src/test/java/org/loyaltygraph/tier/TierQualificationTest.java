package org.loyaltygraph.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.graphql.ClientError;
import org.loyaltygraph.order.OrderRecorded;
import org.loyaltygraph.order.OrderRefunded;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tier standing driven by the order feature's events, the way orders and refunds reach it in
 * production: published inside a transaction, heard synchronously.
 */
@LoyaltyGraphTest
class TierQualificationTest {

  private static final Instant START = Instant.parse("2026-01-15T10:00:00Z");

  @Autowired TierService tiers;
  @Autowired TierEvaluationJob job;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate transactions;
  @Autowired MutableClock clock;

  private TierProgramFixture program;
  private Tier silver;
  private Tier gold;
  private final String customer = "c-" + UUID.randomUUID();
  private final Map<String, Instant> placedAt = new HashMap<>();

  @BeforeEach
  void spendProgramWithSilverAndGold() {
    clock.set(START);
    program = new TierProgramFixture(tiers);
    program.reset();
    silver = program.tier("silver", 10_000, "1.5");
    gold = program.tier("gold", 50_000, "2");
  }

  @AfterEach
  void backToDefaults() {
    program.reset();
  }

  @Test
  void spendReachingAThresholdUpgradesAtOnce() {
    order("o1", 12_000, 0);

    TierStanding standing = tiers.standing(customer);
    assertThat(standing.tier().id()).isEqualTo(silver.id());
    assertThat(standing.qualifyingAmount()).isEqualTo(12_000);
    assertThat(standing.nextTier().id()).isEqualTo(gold.id());
    assertThat(standing.amountToNextTier()).isEqualTo(38_000);
    assertThat(standing.graceEndsAt()).isNull();

    order("o2", 40_000, 0);
    assertThat(tiers.standing(customer).tier().id()).isEqualTo(gold.id());
  }

  @Test
  void aRefundIsCountedAtOnceAgainstItsOrdersWindow() {
    program.program(new TierProgramEdit(null, null, null, 0, null));
    order("o1", 60_000, 0);
    assertThat(tiers.standing(customer).tier().id()).isEqualTo(gold.id());

    refund("r1", "o1", 55_000, 0);

    TierStanding standing = tiers.standing(customer);
    assertThat(standing.qualifyingAmount()).isEqualTo(5_000);
    assertThat(standing.tier()).isNull();
    assertThat(history().get(0).reason()).isEqualTo("refund");
  }

  @Test
  void fallingBelowTheThresholdMovesDownOnlyWhenTheGracePeriodEnds() {
    order("o1", 60_000, 0);
    clock.advance(Duration.ofDays(2));
    refund("r1", "o1", 20_000, 0);

    TierStanding inGrace = tiers.standing(customer);
    assertThat(inGrace.tier().id()).isEqualTo(gold.id());
    assertThat(inGrace.graceEndsAt()).isEqualTo(clock.instant().plus(Duration.ofDays(30)));
    assertThat(inGrace.amountToKeepTier()).isEqualTo(10_000);

    clock.advance(Duration.ofDays(29));
    job.runDue();
    assertThat(tiers.standing(customer).tier().id()).isEqualTo(gold.id());

    clock.advance(Duration.ofDays(1));
    job.runDue();
    TierStanding after = tiers.standing(customer);
    assertThat(after.tier().id()).isEqualTo(silver.id());
    assertThat(after.graceEndsAt()).isNull();
    assertThat(history().get(0).reason()).isEqualTo("grace-expired");
  }

  @Test
  void aStandingWhoseGraceEndedBeforeTheJobRanIsKeptUntilTheJobDowngrades() {
    order("o1", 60_000, 0);
    clock.advance(Duration.ofDays(2));
    refund("r1", "o1", 20_000, 0);
    clock.advance(Duration.ofDays(30).plusMinutes(1)); // the grace is over; the job has not run

    TierStanding overdue = tiers.standing(customer);
    assertThat(overdue.tier().id()).isEqualTo(gold.id());
    clock.advance(Duration.ofSeconds(2));
    assertThat(tiers.standing(customer)).as("the kept copy").isSameAs(overdue);

    job.runDue();
    assertThat(tiers.standing(customer).tier().id()).isEqualTo(silver.id());
  }

  @Test
  void recoveringDuringTheGracePeriodCancelsTheDowngrade() {
    order("o1", 60_000, 0);
    refund("r1", "o1", 20_000, 0);
    assertThat(tiers.standing(customer).graceEndsAt()).isNotNull();

    clock.advance(Duration.ofDays(5));
    order("o2", 15_000, 0);
    assertThat(tiers.standing(customer).graceEndsAt()).isNull();

    clock.advance(Duration.ofDays(40));
    job.runDue();
    assertThat(tiers.standing(customer).tier().id()).isEqualTo(gold.id());
    assertThat(history()).hasSize(1);
  }

  @Test
  void activityRollingOutOfTheWindowMovesDownAfterTheGracePeriod() {
    order("o1", 15_000, 0);
    TierStanding before = tiers.standing(customer);
    assertThat(before.nextEvaluationAt()).isEqualTo(Instant.parse("2027-01-16T00:00:00Z"));
    assertThat(before.amountToKeepTier()).isEqualTo(10_000);

    clock.set(Instant.parse("2027-01-16T00:05:00Z"));
    job.runDue();
    TierStanding rolled = tiers.standing(customer);
    assertThat(rolled.qualifyingAmount()).isZero();
    assertThat(rolled.tier().id()).isEqualTo(silver.id());
    assertThat(rolled.graceEndsAt()).isEqualTo(Instant.parse("2027-02-15T00:05:00Z"));

    clock.set(Instant.parse("2027-02-15T00:05:00Z"));
    job.runDue();
    assertThat(tiers.standing(customer).tier()).isNull();
    assertThat(history()).extracting(TierChange::reason).containsExactly("grace-expired", "order");
  }

  @Test
  void calendarYearResetsAtTheYearBoundaryOfTheProgramTimeZone() {
    program.program(
        new TierProgramEdit(null, TierProgram.Window.CALENDAR_YEAR, null, 0, "Pacific/Auckland"));
    // 23:00 on 31 December in Auckland (UTC+13); midnight there is 11:00 UTC
    clock.set(Instant.parse("2026-12-31T10:00:00Z"));
    order("o1", 15_000, 0);
    assertThat(tiers.standing(customer).nextEvaluationAt())
        .isEqualTo(Instant.parse("2026-12-31T11:00:00Z"));

    clock.set(Instant.parse("2026-12-31T10:59:00Z"));
    job.runDue();
    assertThat(tiers.standing(customer).tier().id()).isEqualTo(silver.id());

    clock.set(Instant.parse("2026-12-31T11:00:00Z"));
    job.runDue();
    TierStanding newYear = tiers.standing(customer);
    assertThat(newYear.qualifyingAmount()).isZero();
    assertThat(newYear.tier()).isNull();
    assertThat(history().get(0).reason()).isEqualTo("window");
  }

  @Test
  void anOrderStampedInTheNextCalendarYearCountsFromItsFirstInstant() {
    program.program(new TierProgramEdit(null, TierProgram.Window.CALENDAR_YEAR, null, 0, "UTC"));
    // our clock still in the old year, the storefront's already in the new one: nothing in this
    // year's window, so nothing rolls out, yet the order counts from midnight
    clock.set(Instant.parse("2026-12-31T23:59:58Z"));
    placedAt.put("o1", Instant.parse("2027-01-01T00:00:01Z"));
    order("o1", 12_000, 0);
    assertThat(tiers.standing(customer).tier()).isNull();

    clock.set(Instant.parse("2027-01-01T00:00:02Z"));
    job.runDue();

    assertThat(tiers.standing(customer).tier().id()).isEqualTo(silver.id());
    assertThat(history().get(0).reason()).isEqualTo("window");
  }

  @Test
  void aReevaluationInTheOldYearKeepsTheCustomerDueForAnOrderStampedInTheNextOne() {
    program.program(new TierProgramEdit(null, TierProgram.Window.CALENDAR_YEAR, null, 0, "UTC"));
    clock.set(Instant.parse("2026-12-31T23:59:50Z"));
    placedAt.put("o1", Instant.parse("2027-01-01T00:00:01Z"));
    order("o1", 12_000, 0);
    // a new tier makes the job evaluate everyone again, still in the old year, whose window is
    // empty for this customer: that evaluation alone has nothing to do at midnight
    clock.set(Instant.parse("2026-12-31T23:59:55Z"));
    program.tier("platinum", 1_000_000, "3");
    job.runDue();
    assertThat(tiers.standing(customer).tier()).isNull();

    clock.set(Instant.parse("2027-01-01T00:00:02Z"));
    job.runDue();

    assertThat(tiers.standing(customer).tier().id()).isEqualTo(silver.id());
    assertThat(history().get(0).reason()).isEqualTo("window");
  }

  @Test
  void pointsBasisCountsPointsEarnedAfterReversalsNotSpend() {
    program.program(new TierProgramEdit(TierProgram.Basis.POINTS, null, null, 0, null));
    order("o1", 1_000_000, 9_000);
    assertThat(tiers.standing(customer).tier()).isNull();

    order("o2", 100, 1_500);
    assertThat(tiers.standing(customer).tier().id()).isEqualTo(silver.id());
    assertThat(tiers.standing(customer).qualifyingAmount()).isEqualTo(10_500);

    refund("r1", "o2", 100, 1_500);
    assertThat(tiers.standing(customer).tier()).isNull();
    assertThat(tiers.standing(customer).qualifyingAmount()).isEqualTo(9_000);
  }

  @Test
  void replayedOrdersAndRefundsCountOnce() {
    order("o1", 30_000, 0);
    order("o1", 30_000, 0);
    refund("r1", "o1", 5_000, 0);
    refund("r1", "o1", 5_000, 0);

    assertThat(tiers.standing(customer).qualifyingAmount()).isEqualTo(25_000);
    assertThat(history()).hasSize(1);
  }

  @Test
  void historyListsChangesNewestFirstWithReasonsPageByPage() {
    program.program(new TierProgramEdit(null, null, null, 0, null));
    order("o1", 10_000, 0);
    clock.advance(Duration.ofHours(1));
    order("o2", 40_000, 0);
    clock.advance(Duration.ofHours(1));
    refund("r1", "o2", 40_000, 0);

    TierHistoryPage first = tiers.history(customer, 2, null);
    assertThat(first.changes())
        .extracting(TierChange::reason, c -> c.toTier().id())
        .containsExactly(tuple("refund", silver.id()), tuple("order", gold.id()));
    assertThat(first.changes().get(0).fromTier().id()).isEqualTo(gold.id());
    assertThat(first.changes().get(0).qualifyingAmount()).isEqualTo(10_000);
    assertThat(first.hasNextPage()).isTrue();

    TierHistoryPage second = tiers.history(customer, 2, first.changes().get(1).cursor());
    assertThat(second.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.fromTier()).isNull();
              assertThat(c.toTier().id()).isEqualTo(silver.id());
              assertThat(c.changedAt()).isEqualTo(START);
            });
    assertThat(second.hasNextPage()).isFalse();
  }

  @Test
  void historyPagesHoldOneToOneHundredChanges() {
    for (int first : new int[] {0, 101}) {
      assertThatThrownBy(() -> tiers.history(customer, first, null))
          .isInstanceOfSatisfying(
              ClientError.class, e -> assertThat(e.code()).isEqualTo("INVALID_ARGUMENT"));
    }
    assertThatThrownBy(() -> tiers.history(customer, 10, "not-a-cursor"))
        .isInstanceOf(ClientError.class);
  }

  @Test
  void theMultiplierIsTheHeldTiersAndOneWithoutATier() {
    assertThat(tiers.multiplierFor(customer)).isEqualByComparingTo(BigDecimal.ONE);

    order("o1", 12_000, 0);
    assertThat(tiers.multiplierFor(customer)).isEqualByComparingTo("1.5");

    order("o2", 40_000, 0);
    assertThat(tiers.multiplierFor(customer)).isEqualByComparingTo("2");
  }

  @Test
  void deletingAHeldTierMovesItsHoldersAtOnce() {
    order("o1", 60_000, 0);

    assertThat(tiers.delete(gold.id()).userErrors()).isEmpty();

    assertThat(tiers.standing(customer).tier().id()).isEqualTo(silver.id());
    TierChange change = history().get(0);
    assertThat(change.reason()).isEqualTo("program-change");
    assertThat(change.fromTier()).isEqualTo(gold);
  }

  @Test
  void loweringAThresholdUpgradesOnTheNextJobRun() {
    order("o1", 30_000, 0);
    assertThat(tiers.update(new TierEdit(gold.id(), null, 25_000L, null, null, null)).userErrors())
        .isEmpty();

    job.runDue();

    assertThat(tiers.standing(customer).tier().id()).isEqualTo(gold.id());
    assertThat(history().get(0).reason()).isEqualTo("program-change");
  }

  @Test
  void standingsAreReadForManyCustomersAtOnce() {
    String other = "c-" + UUID.randomUUID();
    String unknown = "c-" + UUID.randomUUID();
    order("o1", 12_000, 0);
    publish(new OrderRecorded(other + "-o1", other, START, 55_000, 0));

    var standings = tiers.standings(List.of(customer, other, unknown));

    assertThat(standings.get(customer).tier().id()).isEqualTo(silver.id());
    assertThat(standings.get(other).tier().id()).isEqualTo(gold.id());
    assertThat(standings.get(unknown).tier()).isNull();
    assertThat(standings.get(unknown).nextTier().id()).isEqualTo(silver.id());
    assertThat(standings.get(unknown).amountToNextTier()).isEqualTo(10_000);
  }

  /** An order of this test's customer, placed now. */
  private void order(String orderId, long spend, long points) {
    placedAt.putIfAbsent(orderId, clock.instant());
    publish(
        new OrderRecorded(
            customer + "-" + orderId, customer, placedAt.get(orderId), spend, points));
  }

  /** A refund now, of an order placed earlier. */
  private void refund(String refundId, String orderId, long spend, long points) {
    publish(
        new OrderRefunded(
            refundId,
            customer + "-" + orderId,
            customer,
            placedAt.get(orderId),
            clock.instant(),
            spend,
            points));
  }

  private void publish(Object event) {
    transactions.executeWithoutResult(status -> events.publishEvent(event));
  }

  private List<TierChange> history() {
    return tiers.history(customer, 100, null).changes();
  }
}
