package org.loyaltygraph.tier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.loyaltygraph.system.CacheEviction;
import org.springframework.stereotype.Component;

/**
 * Each customer's tier standing, cached for the storefront's hot read like the points summary:
 * every write of a customer's tier state evicts it once its transaction commits, and the short
 * time-to-live bounds how stale another instance's copy can be. A standing is also a reading of the
 * clock, so a copy only answers between the instant it was computed and the first instant its
 * figures change by themselves (the next evaluation, the end of a grace period), and only under the
 * tier configuration it was computed with. A standing computed while an eviction ran is answered
 * but not kept: it may have read the rows as they were before that write committed.
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

  private final Cache<String, Copy> cache =
      Caffeine.newBuilder().maximumSize(200_000).expireAfterWrite(TIME_TO_LIVE).build();
  // moves on every eviction: standings computed while one ran may hold the rows before its write
  private final AtomicLong evictions = new AtomicLong();

  /** The standings of {@code customerIds} in their order, computing those without a valid copy. */
  Map<String, TierStanding> getAll(
      Collection<String> customerIds,
      TierConfiguration config,
      Instant now,
      Function<List<String>, Map<String, TierStanding>> compute) {
    long evictionsBefore = evictions.get();
    Map<String, Copy> copies = cache.getAllPresent(customerIds);
    List<String> missing = new ArrayList<>();
    for (String id : customerIds) {
      Copy copy = copies.get(id);
      if (copy == null || !copy.answers(config, now)) {
        missing.add(id);
      }
    }
    Map<String, TierStanding> computed = missing.isEmpty() ? Map.of() : compute.apply(missing);
    if (evictions.get() == evictionsBefore) {
      computed.forEach(
          (id, standing) ->
              cache.put(id, new Copy(standing, config, now, validUntil(standing, now))));
    }
    Map<String, TierStanding> result = new LinkedHashMap<>();
    for (String id : customerIds) {
      TierStanding standing = computed.get(id);
      result.put(id, standing != null ? standing : copies.get(id).standing());
    }
    return result;
  }

  void evictAfterCommit(Collection<String> customerIds) {
    List<String> ids = List.copyOf(customerIds);
    CacheEviction.afterTransaction(
        () -> {
          evictions.incrementAndGet();
          cache.invalidateAll(ids);
        });
  }

  private static Instant validUntil(TierStanding standing, Instant now) {
    Instant until = now.plus(TIME_TO_LIVE);
    for (Instant change : new Instant[] {standing.nextEvaluationAt(), standing.graceEndsAt()}) {
      if (change != null && change.isBefore(until)) {
        until = change;
      }
    }
    return until;
  }
}
