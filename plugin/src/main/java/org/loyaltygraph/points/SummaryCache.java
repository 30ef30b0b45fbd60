package org.loyaltygraph.points;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import org.loyaltygraph.system.CacheEviction;
import org.springframework.stereotype.Component;

/**
 * Each customer's points summary, cached for the storefront's hot read. Writes evict after their
 * transaction commits (evicting earlier would let a concurrent read cache the old state); the short
 * time-to-live bounds how stale another instance's copy can be.
 */
@Component
class SummaryCache {

  private final Cache<String, PointsSummary> cache =
      Caffeine.newBuilder().maximumSize(200_000).expireAfterWrite(Duration.ofSeconds(5)).build();

  Map<String, PointsSummary> getAll(
      Collection<String> customerIds,
      Function<java.util.Set<? extends String>, Map<String, PointsSummary>> loader) {
    return cache.getAll(customerIds, loader);
  }

  void evictAfterCommit(String customerId) {
    CacheEviction.afterTransaction(() -> cache.invalidate(customerId));
  }
}
