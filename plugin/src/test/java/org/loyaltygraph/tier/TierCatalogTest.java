package org.loyaltygraph.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A load of the configuration that started before a change committed may finish after its eviction;
 * the eviction must drop what that load brings, not only what was cached before.
 */
class TierCatalogTest {

  private final ExecutorService threads = Executors.newFixedThreadPool(2);

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  void anEvictionDuringALoadDropsWhatThatLoadBrings() throws Exception {
    AtomicLong committed = new AtomicLong(1);
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch finishLoad = new CountDownLatch(1);
    TierRepository slowFirstRead =
        new TierRepository(null) {
          @Override
          TierConfiguration load() {
            long version = committed.get();
            if (version == 1) {
              loading.countDown();
              await(finishLoad);
            }
            return new TierConfiguration(List.of(), TierProgram.DEFAULT, version);
          }
        };
    TierCatalog catalog = new TierCatalog(slowFirstRead, Duration.ofMinutes(5));

    Future<TierConfiguration> reader = threads.submit(catalog::current);
    assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
    committed.set(2); // the change commits while the reader still loads version 1
    Future<?> eviction = threads.submit(catalog::evict); // outside a transaction: at once
    try {
      eviction.get(300, TimeUnit.MILLISECONDS);
    } catch (TimeoutException waitsForTheLoad) {
      // the eviction waits for the load in flight: what it brings is then dropped
    }
    finishLoad.countDown();
    assertThat(reader.get(10, TimeUnit.SECONDS).rulesVersion()).isEqualTo(1);
    eviction.get(10, TimeUnit.SECONDS);

    assertThat(catalog.current().rulesVersion()).isEqualTo(2);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
