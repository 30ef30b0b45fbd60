package org.loyaltygraph.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

  private final RetrySchedule schedule =
      new RetrySchedule(Duration.ofSeconds(30), Duration.ofHours(6), 12);

  @Test
  void theDelayDoublesAfterEachAttemptUpToTheCap() {
    assertThat(schedule.delayAfter(1, () -> 0)).isEqualTo(Duration.ofSeconds(30));
    assertThat(schedule.delayAfter(2, () -> 0)).isEqualTo(Duration.ofMinutes(1));
    assertThat(schedule.delayAfter(5, () -> 0)).isEqualTo(Duration.ofMinutes(8));
    assertThat(schedule.delayAfter(11, () -> 0)).isEqualTo(Duration.ofHours(6));
    assertThat(schedule.delayAfter(1_000, () -> 0)).isEqualTo(Duration.ofHours(6));
  }

  @Test
  void jitterAddsAtMostAQuarterAndNeverPassesTheCap() {
    assertThat(schedule.delayAfter(1, () -> 0.999_999))
        .isBetween(Duration.ofSeconds(30), Duration.ofMillis(37_500));
    assertThat(schedule.delayAfter(10, () -> 0.999_999)).isLessThanOrEqualTo(Duration.ofHours(6));
    assertThat(schedule.delayAfter(11, () -> 0.5)).isEqualTo(Duration.ofHours(6));
  }

  @Test
  void aDeliveryIsExhaustedAfterTheLastAttempt() {
    assertThat(schedule.exhausted(11)).isFalse();
    assertThat(schedule.exhausted(12)).isTrue();
  }
}
