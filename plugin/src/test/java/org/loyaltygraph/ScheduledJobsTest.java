package org.loyaltygraph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/**
 * The jobs that keep balances and tiers current run by themselves, at their configured pace: the
 * tests call each job's work directly on a movable clock, so this is where the scheduling itself is
 * checked.
 */
@LoyaltyGraphTest
class ScheduledJobsTest {

  @Autowired ScheduledTaskHolder scheduler;

  @Test
  void thePointsAndTierJobsAreScheduledAtTheirConfiguredIntervals() {
    Map<String, Duration> fixedDelays = new HashMap<>();
    for (ScheduledTask scheduled : scheduler.getScheduledTasks()) {
      if (scheduled.getTask() instanceof FixedDelayTask task) {
        fixedDelays.put(task.toString(), task.getIntervalDuration());
      }
    }

    assertThat(fixedDelays)
        .containsEntry(
            "org.loyaltygraph.points.PointsMaintenanceJob.scheduled", Duration.ofSeconds(60))
        .containsEntry("org.loyaltygraph.tier.TierEvaluationJob.scheduled", Duration.ofMinutes(10));
  }
}
