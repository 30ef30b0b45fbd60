package org.loyaltygraph.event;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: the base delay doubled after each attempt, plus up to a
 * quarter more at random (so that receivers coming back from an outage are not hit by every retry
 * at once), and never more than the cap.
 */
record RetrySchedule(Duration base, Duration cap, int maxAttempts) {

  static final double JITTER = 0.25;

  static RetrySchedule of(EventProperties properties) {
    return new RetrySchedule(
        properties.retryBaseDelay(), properties.retryMaxDelay(), properties.maxAttempts());
  }

  /** True when a delivery that has failed {@code attempts} times gets no more attempts. */
  boolean exhausted(int attempts) {
    return attempts >= maxAttempts;
  }

  /**
   * The wait after the {@code attempt}-th failed attempt (1 for the first).
   *
   * @param random a draw in [0, 1)
   */
  Duration delayAfter(int attempt, DoubleSupplier random) {
    long baseMillis = base.toMillis();
    long capMillis = cap.toMillis();
    int doublings = Math.max(0, Math.min(attempt - 1, 40));
    long exponential = baseMillis > (capMillis >> doublings) ? capMillis : baseMillis << doublings;
    long jittered = exponential + (long) (exponential * JITTER * random.getAsDouble());
    return Duration.ofMillis(Math.min(capMillis, jittered));
  }
}
