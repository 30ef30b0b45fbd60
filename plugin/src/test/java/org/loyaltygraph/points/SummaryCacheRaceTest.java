package org.loyaltygraph.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A points summary loaded while a write's eviction ran is answered but not kept: it may hold the
 * ledger as it was before that write committed.
 */
class SummaryCacheRaceTest {

  private final SummaryCache cache = new SummaryCache();
  private final AtomicInteger loads = new AtomicInteger();

  @Test
  void aSummaryLoadedAcrossAnEvictionIsNotKept() {
    Map<String, PointsSummary> first =
        cache.getAll(
            List.of("c-1"),
            ids -> {
              loads.incrementAndGet();
              cache.evictAfterCommit("c-1"); // a redemption commits meanwhile
              return Map.of("c-1", available(100));
            });

    assertThat(first.get("c-1").available()).isEqualTo(100);
    assertThat(read().available()).isEqualTo(40);
    assertThat(read().available()).isEqualTo(40);
    assertThat(loads).hasValue(2);
  }

  private PointsSummary read() {
    return cache
        .getAll(
            List.of("c-1"),
            ids -> {
              loads.incrementAndGet();
              return Map.of("c-1", available(40));
            })
        .get("c-1");
  }

  private static PointsSummary available(long points) {
    return new PointsSummary("c-1", points, 0, points, List.of(), List.of());
  }
}
