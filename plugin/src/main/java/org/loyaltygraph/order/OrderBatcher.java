package org.loyaltygraph.order;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.loyaltygraph.system.LockConflictRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for {@code orderRecord}: checked orders queue here, and a few writer threads each
 * take whatever has queued (up to {@code maxSize}) and write it in one transaction, in a fixed
 * number of statements. Alone, an order is written at once, as before; under load, the orders that
 * arrive while a batch is being written share the next one, so the database does one commit and a
 * dozen statements for many orders instead of a dozen for each.
 *
 * <p>Every order still gets its own answer: copies of an order id in one batch are answered as
 * replays after it, an order stored before is answered alone (as a replay), and when a batch fails
 * as a whole (a copy committed by another writer meanwhile, or the database refused it) each of its
 * orders is written again alone, so one order's failure never becomes another's.
 */
@Component
class OrderBatcher implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(OrderBatcher.class);

  private final OrderWriter writer;
  private final OrderRepository orders;
  private final TransactionTemplate transactions;
  private final int maxSize;
  private final DistributionSummary batchSizes;
  private final BlockingQueue<Submission> queue = new LinkedBlockingQueue<>();
  private final List<Thread> writers = new ArrayList<>();
  private volatile boolean stopped;

  private record Submission(OrderWriter.PendingOrder order, CompletableFuture<OrderResult> result) {

    String orderId() {
      return order.input().id();
    }
  }

  OrderBatcher(
      OrderWriter writer,
      OrderRepository orders,
      TransactionTemplate transactions,
      OrderProperties properties,
      MeterRegistry meters) {
    this.writer = writer;
    this.orders = orders;
    this.transactions = transactions;
    this.maxSize = Math.max(1, properties.batch().maxSize());
    this.batchSizes =
        DistributionSummary.builder("loyaltygraph.orders.batch.size")
            .description("Orders written together in one transaction")
            .register(meters);
    for (int i = 0; i < properties.batch().writers(); i++) {
      Thread thread = new Thread(this::run, "order-writer-" + i);
      thread.setDaemon(true);
      thread.start();
      writers.add(thread);
    }
  }

  /**
   * Writes the order, with others that arrive meanwhile when writer threads are configured; inside
   * a caller's transaction, in that transaction (so it commits or rolls back with it).
   */
  OrderResult record(OrderWriter.PendingOrder order) {
    if (writers.isEmpty()
        || stopped
        || TransactionSynchronizationManager.isActualTransactionActive()) {
      return recordAlone(order);
    }
    Submission submission = new Submission(order, new CompletableFuture<>());
    queue.add(submission);
    if (stopped && queue.remove(submission)) {
      return recordAlone(order); // the writers stopped before taking it
    }
    return await(submission.result());
  }

  /**
   * Writes one order in a transaction of its own. A copy of it that committed first (the primary
   * key refused this one, or a refused reward code was consumed by it) answers as a replay.
   */
  OrderResult recordAlone(OrderWriter.PendingOrder order) {
    String id = order.input().id();
    try {
      OrderResult result =
          LockConflictRetry.run(
              () ->
                  transactions.execute(
                      status -> {
                        OrderResult r = writer.write(List.of(order)).get(0);
                        if (!r.userErrors().isEmpty()) {
                          status.setRollbackOnly();
                        }
                        return r;
                      }));
      if (!result.userErrors().isEmpty()) {
        return orders.find(id).map(o -> OrderService.replay(o, order.hash())).orElse(result);
      }
      return result;
    } catch (DuplicateKeyException raced) {
      return OrderService.replay(orders.find(id).orElseThrow(() -> raced), order.hash());
    }
  }

  private void run() {
    List<Submission> batch = new ArrayList<>();
    while (!stopped) {
      try {
        Submission first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxSize - 1);
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Throwable unexpected) {
        log.error("order writer failed", unexpected);
        batch.forEach(s -> s.result().completeExceptionally(unexpected));
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<Submission> batch) {
    // copies of one id: the first is written, the others answer after it (as its replays)
    Map<String, Submission> firsts = new LinkedHashMap<>();
    List<Submission> afterwards = new ArrayList<>();
    for (Submission s : batch) {
      if (firsts.putIfAbsent(s.orderId(), s) != null) {
        afterwards.add(s);
      }
    }
    List<Submission> together = new ArrayList<>(firsts.values());
    if (together.size() > 1) {
      Set<String> stored = orders.existing(firsts.keySet());
      for (Submission s : together) {
        if (stored.contains(s.orderId())) {
          afterwards.add(s);
        }
      }
      together.removeIf(s -> stored.contains(s.orderId()));
    }
    if (together.size() == 1) {
      recordAlone(together.get(0)); // the same statements as without a batcher
    } else if (!together.isEmpty()) {
      writeTogether(together);
    }
    afterwards.forEach(this::recordAlone);
  }

  private void writeTogether(List<Submission> together) {
    List<OrderResult> results;
    try {
      results =
          LockConflictRetry.run(
              () ->
                  transactions.execute(
                      status -> writer.write(together.stream().map(Submission::order).toList())));
    } catch (RuntimeException failed) {
      log.debug("a batch of {} orders failed; writing each alone", together.size(), failed);
      together.forEach(this::recordAlone);
      return;
    }
    batchSizes.record(together.size());
    for (int i = 0; i < together.size(); i++) {
      if (results.get(i).userErrors().isEmpty()) {
        together.get(i).result().complete(results.get(i));
      } else {
        recordAlone(together.get(i)); // an unknown customer: maybe a replay of a stored order
      }
    }
  }

  private void recordAlone(Submission s) {
    try {
      s.result().complete(recordAlone(s.order()));
    } catch (RuntimeException | Error e) {
      s.result().completeExceptionally(e);
    }
  }

  private static OrderResult await(CompletableFuture<OrderResult> result) {
    try {
      return result.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the order was being written", e);
    }
  }

  @Override
  public void destroy() {
    stopped = true;
    writers.forEach(Thread::interrupt);
    for (Submission left; (left = queue.poll()) != null; ) {
      left.result().completeExceptionally(new IllegalStateException("the service is stopping"));
    }
  }
}
