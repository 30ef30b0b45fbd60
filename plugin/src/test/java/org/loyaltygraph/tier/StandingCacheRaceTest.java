package org.loyaltygraph.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A standing computed while a write's eviction ran is answered but not kept: it may hold the rows
 * as they were before that write committed, and keeping it would hide the write for the whole
 * time-to-live.
 */
class StandingCacheRaceTest {

  private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");
  private static final TierConfiguration CONFIG =
      new TierConfiguration(List.of(), TierProgram.DEFAULT, 1);

  private final StandingCache cache = new StandingCache();
  private final AtomicInteger computations = new AtomicInteger();

  @Test
  void aStandingComputedAcrossAnEvictionIsNotKept() {
    Map<String, TierStanding> first =
        cache.getAll(
            List.of("c-1"),
            CONFIG,
            NOW,
            ids -> {
              computations.incrementAndGet();
              cache.evictAfterCommit(List.of("c-1")); // a write commits meanwhile
              return Map.of("c-1", standing(100));
            });

    assertThat(first.get("c-1").qualifyingAmount()).isEqualTo(100);
    assertThat(read().qualifyingAmount()).isEqualTo(200); // computed again, not the old copy
    assertThat(computations).hasValue(2);
  }

  @Test
  void aStandingComputedWithoutAnEvictionIsKept() {
    assertThat(read().qualifyingAmount()).isEqualTo(200);
    assertThat(read().qualifyingAmount()).isEqualTo(200);
    assertThat(computations).hasValue(1);
  }

  private TierStanding read() {
    return cache
        .getAll(
            List.of("c-1"),
            CONFIG,
            NOW,
            ids -> {
              computations.incrementAndGet();
              return Map.of("c-1", standing(200));
            })
        .get("c-1");
  }

  private static TierStanding standing(long amount) {
    return new TierStanding("c-1", null, amount, null, 0, 0, null, null, null);
  }
}
