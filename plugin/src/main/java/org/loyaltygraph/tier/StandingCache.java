package org.loyaltygraph.tier;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.loyaltygraph.system.CommitEvictedCache;
import org.springframework.stereotype.Component;

/**
 * Each customer's tier standing, cached for the storefront's hot read like the points summary:
 * every write of a customer's tier state evicts it once its transaction commits, and the short
 * time-to-live bounds how stale another instance's copy can be. A standing is also a reading of the
 * clock, so a copy only answers between the instant it was computed and the first instant its
 * figures change by themselves (the next evaluation, the end of a grace period, the end of a
 * calendar-year window), and only under the tier configuration it was computed with. A standing
 * computed while an eviction ran is not kept ({@link CommitEvictedCache}).
 */
@Component
class StandingCache {

  static final Duration TIME_TO_LIVE = Duration.ofSeconds(5);

  private record Copy(
      TierStanding standing, TierConfiguration config, Instant computedAt, Instant validUntil) {

    boolean answers(TierConfiguration current, Instant now) {
      return config == current && !now.isBefore(computedAt) && now.isBefore(validUntil);
    }
  }

  private final CommitEvictedCache<Copy> cache = new CommitEvictedCache<>(TIME_TO_LIVE, 200_000);

  /** The standings of {@code customerIds} in their order, computing those without a valid copy. */
  Map<String, TierStanding> getAll(
      Collection<String> customerIds,
      TierConfiguration config,
      Instant now,
      Function<Set<String>, Map<String, TierStanding>> compute) {
    Map<String, TierStanding> result = new LinkedHashMap<>();
    cache
        .getAll(
            customerIds,
            copy -> copy.answers(config, now),
            missing -> {
              Map<String, Copy> copies = new LinkedHashMap<>();
              compute
                  .apply(missing)
                  .forEach(
                      (id, standing) ->
                          copies.put(
                              id,
                              new Copy(standing, config, now, validUntil(standing, config, now))));
              return copies;
            })
        .forEach((id, copy) -> result.put(id, copy.standing()));
    return result;
  }

  void evictAfterCommit(Collection<String> customerIds) {
    cache.evictAfterCommit(customerIds);
  }

  /**
   * The first instant a standing may differ from a fresh one by itself: the time-to-live, the next
   * roll of its window or end of grace, and the end of the window (a calendar year's, when an empty
   * window has nothing to roll out yet activity stamped in the next year starts to count; a rolling
   * window has no end, and what leaves it is its next roll). A grace period that ended before
   * {@code now} changes nothing more by itself: the downgrade is the tier job's write, which evicts
   * the copy.
   */
  private static Instant validUntil(TierStanding standing, TierConfiguration config, Instant now) {
    Instant until = now.plus(TIME_TO_LIVE);
    Instant graceEnds = standing.graceEndsAt();
    for (Instant change :
        new Instant[] {
          standing.windowRollsAt(),
          graceEnds == null || graceEnds.isAfter(now) ? graceEnds : null,
          config.program().windowEnd(now)
        }) {
      if (change != null && change.isBefore(until)) {
        until = change;
      }
    }
    return until;
  }
}
