package org.loyaltygraph.points;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.loyaltygraph.system.CommitEvictedCache;
import org.springframework.stereotype.Component;

/**
 * Each customer's points summary, cached for the storefront's hot read and evicted when a write of
 * the customer's ledger commits ({@link CommitEvictedCache}).
 */
@Component
class SummaryCache {

  private final CommitEvictedCache<PointsSummary> cache =
      new CommitEvictedCache<>(Duration.ofSeconds(5), 200_000);

  /** The summaries, loading the missing ones. */
  Map<String, PointsSummary> getAll(
      Collection<String> customerIds, Function<Set<String>, Map<String, PointsSummary>> loader) {
    return cache.getAll(customerIds, summary -> true, loader);
  }

  void evictAfterCommit(String customerId) {
    cache.evictAfterCommit(List.of(customerId));
  }
}
