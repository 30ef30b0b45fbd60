package org.loyaltygraph.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.order.OrderRecorded;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The storefront's tier standing comes from a cache, and is never older than the last write of the
 * customer, the tier configuration, or the instant its figures change by themselves.
 */
@LoyaltyGraphTest
class StandingCacheTest {

  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

  @Autowired TierService tiers;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate transactions;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;

  private TierProgramFixture program;
  private Tier silver;
  private final String customer = "c-" + UUID.randomUUID();

  @BeforeEach
  void spendProgramWithSilver() {
    clock.set(START);
    program = new TierProgramFixture(tiers);
    program.reset();
    silver = program.tier("silver", 10_000, "1.5");
  }

  @AfterEach
  void backToDefaults() {
    program.reset();
  }

  @Test
  void aSecondReadWithinFiveSecondsIsTheCachedCopy() {
    order("o-1", 12_000);
    assertThat(tiers.standing(customer).tier()).isEqualTo(silver);

    // a hand edit goes around the service, so nothing evicts the copy
    jdbc.sql("UPDATE tier_state SET tier_id = NULL WHERE customer_id = ?").param(customer).update();
    clock.advance(Duration.ofSeconds(4));
    assertThat(tiers.standing(customer).tier()).isEqualTo(silver);

    clock.advance(Duration.ofSeconds(1));
    assertThat(tiers.standing(customer).tier()).isNull();
  }

  @Test
  void anOrderOfTheCustomerIsSeenAtOnce() {
    assertThat(tiers.standing(customer).tier()).isNull();

    order("o-1", 12_000);

    TierStanding standing = tiers.standing(customer);
    assertThat(standing.tier()).isEqualTo(silver);
    assertThat(standing.qualifyingAmount()).isEqualTo(12_000);
  }

  @Test
  void aChangedTierIsSeenAtOnce() {
    order("o-1", 12_000);
    assertThat(tiers.standing(customer).tier().name()).isEqualTo("silver");

    assertThat(
            tiers
                .update(new TierEdit(silver.id(), "Sterling", null, null, null, null))
                .userErrors())
        .isEmpty();

    assertThat(tiers.standing(customer).tier().name()).isEqualTo("Sterling");
  }

  @Test
  void aCopyDoesNotOutliveTheInstantTheWindowRolls() {
    order("o-1", 12_000);
    Instant rolls = tiers.standing(customer).nextEvaluationAt();
    // the day after the order's, a year on, in the program's time zone
    assertThat(rolls).isEqualTo(Instant.parse("2027-03-03T00:00:00Z"));

    clock.set(rolls.minusSeconds(2));
    assertThat(tiers.standing(customer).qualifyingAmount()).isEqualTo(12_000);

    clock.set(rolls.plusSeconds(1)); // within the time-to-live, past the roll
    assertThat(tiers.standing(customer).qualifyingAmount()).isZero();
  }

  @Test
  void aCopyDoesNotOutliveTheEndOfTheCalendarYear() {
    program.program(
        new TierProgramEdit(
            TierProgram.Basis.SPEND, TierProgram.Window.CALENDAR_YEAR, 12, 30, "America/New_York"));
    // midnight of New Year in New York; an order stamped just after it counts from then on
    Instant newYear = Instant.parse("2027-01-01T05:00:00Z");
    clock.set(newYear.minusSeconds(2));
    order("o-1", newYear.plusSeconds(30), 12_000);

    TierStanding before = tiers.standing(customer);
    assertThat(before.qualifyingAmount()).isZero();
    assertThat(before.nextEvaluationAt()).isNull(); // nothing in this year's window rolls out

    clock.set(newYear.plusSeconds(1)); // within the time-to-live, in the new year
    assertThat(tiers.standing(customer).qualifyingAmount()).isEqualTo(12_000);
  }

  private void order(String orderId, long spend) {
    order(orderId, clock.instant(), spend);
  }

  private void order(String orderId, Instant placedAt, long spend) {
    transactions.executeWithoutResult(
        status ->
            events.publishEvent(
                new OrderRecorded(customer + "-" + orderId, customer, placedAt, spend, 0)));
  }
}
