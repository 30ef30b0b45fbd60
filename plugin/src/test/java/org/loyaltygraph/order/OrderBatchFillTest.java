package org.loyaltygraph.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.points.EarningRulesService;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.TestOrders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * While one writer writes a batch, the other fills its own before writing, up to {@code fillTo}
 * orders or the linger time; a writer with no other write under way writes at once. The writes
 * themselves are recorded, not made, so the test controls when a batch is "being written"; the
 * batches' statements are covered by {@link OrderBatchingTest}.
 */
@LoyaltyGraphTest
class OrderBatchFillTest {

  private static final Duration LONG_LINGER = Duration.ofSeconds(60);

  @Autowired OrderRepository orders;
  @Autowired TransactionTemplate transactions;
  @Autowired WriterTransactions writerTransactions;
  @Autowired EarningRulesService rules;

  final RecordingWriter writer = new RecordingWriter();
  final ExecutorService requests = Executors.newCachedThreadPool();
  OrderBatcher batcher;

  @BeforeEach
  void start() {
    batcher =
        new OrderBatcher(
            writer,
            orders,
            transactions,
            writerTransactions,
            new OrderProperties(
                Duration.ofDays(365), new OrderProperties.Batch(2, 32, 4, LONG_LINGER)),
            new SimpleMeterRegistry());
  }

  @AfterEach
  void stop() throws InterruptedException {
    writer.release.countDown();
    batcher.destroy();
    requests.shutdownNow();
  }

  @Test
  void whileOneWriterWritesTheOtherFillsItsBatchBeforeWriting() throws Exception {
    holdOneWriterInABatch();

    List<Future<OrderResult>> arriving = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      arriving.add(submit());
      Thread.sleep(50); // one at a time: without the fill, the free writer would take each alone
    }
    for (Future<OrderResult> f : arriving) {
      assertThat(f.get(30, TimeUnit.SECONDS).userErrors()).isEmpty();
    }

    assertThat(writer.batchSizesAfterTheHeldOne()).containsExactly(4);
  }

  @Test
  void aWriterStopsFillingSoonAfterTheOtherFinishesWriting() throws Exception {
    holdOneWriterInABatch();
    Future<OrderResult> lingering = submit();
    Thread.sleep(200);
    assertThat(lingering.isDone()).as("the free writer waits for company").isFalse();

    writer.release.countDown();

    // the linger is a minute: a writer that kept filling with no batch being written would hold
    // this order (and leave the database idle) until then
    assertThat(lingering.get(5, TimeUnit.SECONDS).userErrors()).isEmpty();
  }

  @Test
  void aWriterWithNoOtherWriteUnderWayDoesNotLinger() {
    // the linger is a minute: an order that waited for company would time out here
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          for (int i = 0; i < 5; i++) {
            assertThat(submit().get().userErrors()).isEmpty();
          }
        });
    assertThat(writer.batchSizes).containsOnly(1);
  }

  /** Sends pairs of orders at once until a writer takes two together; it then waits in write. */
  private void holdOneWriterInABatch() throws Exception {
    for (int attempt = 0; attempt < 200 && !writer.holding.await(0, TimeUnit.SECONDS); attempt++) {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<OrderResult>> pair = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        pair.add(
            requests.submit(
                () -> {
                  go.await();
                  return batcher.record(pending());
                }));
      }
      go.countDown();
      // until a writer holds the pair, or both were written alone
      while (!writer.holding.await(10, TimeUnit.MILLISECONDS)) {
        if (pair.stream().allMatch(Future::isDone)) {
          break;
        }
      }
    }
    assertThat(writer.holding.getCount()).as("a writer took two orders together").isZero();
  }

  private Future<OrderResult> submit() {
    return requests.submit(() -> batcher.record(pending()));
  }

  private OrderWriter.PendingOrder pending() {
    OrderInput input =
        TestOrders.oneLine("c-" + UUID.randomUUID(), Instant.parse("2026-05-01T10:00:00Z"), 1_000);
    return new OrderWriter.PendingOrder(
        input, "hash", rules.current(), OrderRewards.Deduction.NONE, true);
  }

  /**
   * Records the size of each batch instead of writing it, and holds the first batch a writer thread
   * takes (more than one order) until released.
   */
  static final class RecordingWriter extends OrderWriter {

    final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch holding = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private volatile int held = -1;

    RecordingWriter() {
      super(null, null, null, null, null, null, null);
    }

    @Override
    List<OrderResult> write(List<PendingOrder> pending) {
      boolean first = false;
      synchronized (this) {
        if (held < 0 && pending.size() > 1) {
          held = batchSizes.size();
          first = true;
        }
        batchSizes.add(pending.size());
      }
      if (first) {
        holding.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return pending.stream().map(p -> new OrderResult(null, List.of())).toList();
    }

    List<Integer> batchSizesAfterTheHeldOne() {
      synchronized (this) {
        return List.copyOf(batchSizes.subList(held + 1, batchSizes.size()));
      }
    }
  }
}
