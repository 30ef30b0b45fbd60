package org.loyaltygraph.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The window arithmetic and the tier rules, without a database. */
class TierRulesTest {

  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final Tier SILVER = tier("silver", 10_000);
  private static final Tier GOLD = tier("gold", 50_000);
  private static final TierProgram ROLLING_12 =
      new TierProgram(TierProgram.Basis.SPEND, TierProgram.Window.ROLLING, 12, 30, UTC);
  private static final TierConfiguration CONFIG =
      new TierConfiguration(List.of(GOLD, SILVER), ROLLING_12, 7);
  private static final Instant NOW = Instant.parse("2026-06-10T12:00:00Z");

  @Test
  void rollingActivityCountsThroughTheSameDayNMonthsLaterAndDropsOutAtTheNextMidnight() {
    Instant placed = Instant.parse("2025-01-15T10:00:00Z");

    assertThat(ROLLING_12.dropsOutAt(placed)).isEqualTo(Instant.parse("2026-01-16T00:00:00Z"));
    assertThat(ROLLING_12.windowStart(Instant.parse("2026-01-15T23:59:59Z")))
        .isBeforeOrEqualTo(placed);
    assertThat(ROLLING_12.windowStart(Instant.parse("2026-01-16T00:00:00Z"))).isAfter(placed);
  }

  @Test
  void monthEndsDropOutOnlyOnceTheWindowNoLongerReachesThem() {
    TierProgram oneMonth =
        new TierProgram(TierProgram.Basis.SPEND, TierProgram.Window.ROLLING, 1, 0, UTC);
    Instant placed = Instant.parse("2025-03-31T08:00:00Z");

    Instant out = oneMonth.dropsOutAt(placed);

    assertThat(out).isEqualTo(Instant.parse("2025-05-01T00:00:00Z"));
    assertThat(oneMonth.windowStart(out.minusNanos(1000))).isBeforeOrEqualTo(placed);
    assertThat(oneMonth.windowStart(out)).isAfter(placed);
  }

  @Test
  void calendarYearWindowFollowsTheProgramTimeZone() {
    TierProgram auckland =
        new TierProgram(
            TierProgram.Basis.SPEND,
            TierProgram.Window.CALENDAR_YEAR,
            12,
            0,
            ZoneId.of("Pacific/Auckland"));
    Instant newYearInAuckland = Instant.parse("2026-12-31T11:00:00Z");

    assertThat(auckland.windowStart(newYearInAuckland)).isEqualTo(newYearInAuckland);
    assertThat(auckland.dropsOutAt(Instant.parse("2026-12-31T10:59:59Z")))
        .isEqualTo(newYearInAuckland);
    assertThat(auckland.windowEnd(Instant.parse("2026-06-01T00:00:00Z")))
        .isEqualTo(newYearInAuckland);
  }

  @Test
  void reachingAHigherThresholdUpgradesAtOnceWithTheTriggerAsReason() {
    var outcome =
        TierRules.evaluate(
            CONFIG, SILVER, false, null, window(spend(NOW, 50_000)), NOW, TierRules.Trigger.ORDER);

    assertThat(outcome.tier()).isEqualTo(GOLD);
    assertThat(outcome.changeReason()).isEqualTo("order");
    assertThat(outcome.graceEndsAt()).isNull();
  }

  @Test
  void fallingBelowStartsTheGracePeriodInsteadOfMovingDown() {
    var outcome =
        TierRules.evaluate(
            CONFIG, GOLD, false, null, window(spend(NOW, 20_000)), NOW, TierRules.Trigger.REFUND);

    assertThat(outcome.tier()).isEqualTo(GOLD);
    assertThat(outcome.changeReason()).isNull();
    assertThat(outcome.graceEndsAt()).isEqualTo(NOW.plus(Duration.ofDays(30)));
    assertThat(outcome.nextEvaluationAt()).isEqualTo(outcome.graceEndsAt());
  }

  @Test
  void anExpiredGraceMovesDownToTheTierTheAmountQualifiesFor() {
    Instant graceEnd = NOW.minusSeconds(1);
    var outcome =
        TierRules.evaluate(
            CONFIG,
            GOLD,
            false,
            graceEnd,
            window(spend(NOW, 20_000)),
            NOW,
            TierRules.Trigger.WINDOW);

    assertThat(outcome.tier()).isEqualTo(SILVER);
    assertThat(outcome.changeReason()).isEqualTo("grace-expired");
    assertThat(outcome.graceEndsAt()).isNull();
  }

  @Test
  void recoveringDuringGraceCancelsIt() {
    var outcome =
        TierRules.evaluate(
            CONFIG,
            GOLD,
            false,
            NOW.plus(Duration.ofDays(3)),
            window(spend(NOW, 50_000)),
            NOW,
            TierRules.Trigger.ORDER);

    assertThat(outcome.tier()).isEqualTo(GOLD);
    assertThat(outcome.graceEndsAt()).isNull();
    assertThat(outcome.changeReason()).isNull();
  }

  @Test
  void amountToKeepIsWhatIsMissingOnceTheOldestActivityRollsOut() {
    Instant old = Instant.parse("2025-06-20T09:00:00Z");
    Instant recent = Instant.parse("2026-05-01T09:00:00Z");
    var standing =
        TierRules.standing(
            "c", CONFIG, GOLD, null, List.of(spend(old, 45_000), spend(recent, 10_000)));

    assertThat(standing.qualifyingAmount()).isEqualTo(55_000);
    assertThat(standing.nextEvaluationAt()).isEqualTo(Instant.parse("2026-06-21T00:00:00Z"));
    assertThat(standing.amountToKeepTier()).isEqualTo(40_000);
    assertThat(standing.nextTier()).isNull();
    assertThat(standing.amountToNextTier()).isZero();
  }

  private static QualifyingWindow window(QualifyingActivity activity) {
    return QualifyingWindow.of(List.of(activity), CONFIG.program());
  }

  private static QualifyingActivity spend(Instant at, long amount) {
    return new QualifyingActivity(at, amount, 0);
  }

  private static Tier tier(String id, long threshold) {
    return new Tier(id, id, threshold, BigDecimal.ONE, false, List.of());
  }
}
