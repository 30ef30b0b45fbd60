package org.loyaltygraph.points;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.loyaltygraph.system.CacheEviction;
import org.springframework.stereotype.Component;

/**
 * Each customer's points summary, cached for the storefront's hot read. Writes evict after their
 * transaction commits (evicting earlier would let a concurrent read cache the old state), and a
 * summary loaded while an eviction ran is answered but not kept; the short time-to-live bounds how
 * stale another instance's copy can be.
 */
@Component
class SummaryCache {

  private final Cache<String, PointsSummary> cache =
      Caffeine.newBuilder().maximumSize(200_000).expireAfterWrite(Duration.ofSeconds(5)).build();

  // moves on every eviction: summaries loaded while one ran may hold the rows before its write
  private final AtomicLong evictions = new AtomicLong();

  /** The summaries, loading the missing ones; loaded ones are kept unless an eviction ran. */
  Map<String, PointsSummary> getAll(
      Collection<String> customerIds,
      Function<Set<? extends String>, Map<String, PointsSummary>> loader) {
    long evictionsBefore = evictions.get();
    Map<String, PointsSummary> present = cache.getAllPresent(customerIds);
    Set<String> missing = new LinkedHashSet<>(customerIds);
    missing.removeAll(present.keySet());
    if (missing.isEmpty()) {
      return present;
    }
    Map<String, PointsSummary> loaded = loader.apply(missing);
    if (evictions.get() == evictionsBefore) {
      cache.putAll(loaded);
    }
    Map<String, PointsSummary> result = new LinkedHashMap<>();
    for (String id : customerIds) {
      PointsSummary summary = present.containsKey(id) ? present.get(id) : loaded.get(id);
      if (summary != null) {
        result.put(id, summary);
      }
    }
    return result;
  }

  void evictAfterCommit(String customerId) {
    CacheEviction.afterTransaction(
        () -> {
          evictions.incrementAndGet();
          cache.invalidate(customerId);
        });
  }
}
