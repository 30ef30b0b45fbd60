package org.loyaltygraph.order;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * number of statements. While one writer writes, another waits briefly to fill its batch, so the
 * writers do not split the load into small batches. Alone, an order is written at once, as before;
 * under load, the orders that arrive while a batch is being written share the next one, so the
 * database does one commit and a dozen statements for many orders instead of a dozen for each.
 * Batches run on {@link WriterTransactions}, whose connections need no auto-commit switching.
 *
 * <p>A batch holds at most one order per customer, so each order earns at the tier multiplier and
 * leaves the tier history it would alone (a customer's next order waits for the next batch). Every
 * order keeps its own answer: an order the batch cannot take as it is (a copy of an id in the same
 * batch, an id stored before, an unknown customer) or whose batch failed as a whole (a copy
 * committed meanwhile, a deadlock, any refusal of the database) is handed back to its request's
 * thread, which writes it alone, so one order's failure is never another's and the writers never
 * wait on a retry.
 *
 * <p>Nor does a batch wait for a customer's account that another transaction holds (an import, a
 * merge, a refund, an adjustment, the other writer's batch), or its tier state (the tier evaluation
 * job, a tier's deletion): it locks the free ones with {@code SKIP LOCKED}, commits the orders of
 * their customers, and hands the others back, so each waits on its own request's thread for its own
 * customer only.
 */
@Component
class OrderBatcher implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(OrderBatcher.class);
  // how often a writer filling its batch checks that another writer is still writing
  private static final long FILL_RECHECK_NANOS = TimeUnit.MICROSECONDS.toNanos(250);

  private final OrderWriter writer;
  private final OrderRepository orders;
  private final TransactionTemplate transactions;
  private final TransactionTemplate batchTransactions;
  private final int maxSize;
  private final int fillTo;
  private final long lingerNanos;
  private final AtomicInteger writing = new AtomicInteger();
  private final DistributionSummary batchSizes;
  private final Counter lockedElsewhere;
  private final BlockingQueue<Submission> queue = new LinkedBlockingQueue<>();
  private final List<Thread> writers = new ArrayList<>();
  private volatile boolean stopped;

  /** An order waiting for a writer; its result is empty when its own thread must write it. */
  private record Submission(
      OrderWriter.PendingOrder order, CompletableFuture<Optional<OrderResult>> result) {

    String orderId() {
      return order.input().id();
    }

    String customerId() {
      return order.input().customerId();
    }

    void handBack() {
      result.complete(Optional.empty());
    }
  }

  OrderBatcher(
      OrderWriter writer,
      OrderRepository orders,
      TransactionTemplate transactions,
      WriterTransactions writerTransactions,
      OrderProperties properties,
      MeterRegistry meters) {
    this.writer = writer;
    this.orders = orders;
    this.transactions = transactions;
    this.batchTransactions = writerTransactions.transactions();
    this.maxSize = Math.max(1, properties.batch().maxSize());
    this.fillTo = Math.min(maxSize, properties.batch().fillTo());
    this.lingerNanos = properties.batch().linger().toNanos();
    this.batchSizes =
        DistributionSummary.builder("loyaltygraph.orders.batch.size")
            .description("Orders written together in one transaction")
            .register(meters);
    this.lockedElsewhere =
        Counter.builder("loyaltygraph.orders.batch.locked.elsewhere")
            .description(
                "Orders handed back to be written alone: another transaction held their customer's"
                    + " points account or tier state")
            .register(meters);
    for (int i = 0; i < properties.batch().writers(); i++) {
      Thread thread = new Thread(this::run, "order-writer-" + i);
      thread.setDaemon(true);
      thread.start();
      writers.add(thread);
    }
  }

  /**
   * Writes the order, with others that arrive meanwhile when writer threads are configured. Alone
   * (on this thread): inside a caller's transaction, so it commits or rolls back with it; and an
   * order whose events stay out of the webhooks (an import), so every batch has one kind.
   */
  OrderResult record(OrderWriter.PendingOrder order) {
    if (writers.isEmpty()
        || stopped
        || !order.webhooks()
        || TransactionSynchronizationManager.isActualTransactionActive()) {
      return recordAlone(order);
    }
    Submission submission = new Submission(order, new CompletableFuture<>());
    queue.add(submission);
    if (stopped && queue.remove(submission)) {
      return recordAlone(order); // the writers stopped before taking it
    }
    return await(submission.result()).orElseGet(() -> recordAlone(order));
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
    List<Submission> next = new ArrayList<>();
    while (!stopped) {
      try {
        if (next.isEmpty()) {
          Submission first = queue.poll(200, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
        } else {
          batch.addAll(next);
          next.clear();
        }
        queue.drainTo(batch, maxSize - batch.size());
        fillWhileOthersWrite(batch);
        writing.incrementAndGet();
        try {
          write(batch, next);
        } finally {
          writing.decrementAndGet();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        batch.forEach(Submission::handBack); // taken while filling: written alone instead
        break;
      } catch (Throwable unexpected) {
        log.error("order writer failed", unexpected);
        batch.forEach(s -> s.result().completeExceptionally(unexpected));
      } finally {
        batch.clear();
      }
    }
    next.forEach(Submission::handBack);
  }

  /**
   * Waits, up to the linger time, for {@code batch} to reach {@code fillTo} orders while another
   * writer is writing, so that each batch's dozen statements are shared by more orders (on the
   * benchmark's load, 6.7 orders a batch instead of 4.6). A writer that is alone writes at once.
   */
  private void fillWhileOthersWrite(List<Submission> batch) throws InterruptedException {
    long deadline = System.nanoTime() + lingerNanos;
    long left;
    while (batch.size() < fillTo
        && writing.get() > 0
        && !stopped
        && (left = deadline - System.nanoTime()) > 0) {
      // in short waits, so that a writer stops filling soon after the others finish: lingering
      // on while no batch is being written would leave the database idle
      Submission more = queue.poll(Math.min(left, FILL_RECHECK_NANOS), TimeUnit.NANOSECONDS);
      if (more != null) {
        batch.add(more);
        queue.drainTo(batch, maxSize - batch.size());
      }
    }
  }

  /**
   * Writes what it can of {@code batch} together; a customer's second order goes to {@code next}.
   */
  private void write(List<Submission> batch, List<Submission> next) {
    Set<String> ids = new HashSet<>();
    Set<String> customers = new HashSet<>();
    List<Submission> together = new ArrayList<>();
    for (Submission s : batch) {
      if (!ids.add(s.orderId())) {
        s.handBack(); // a copy: answered as a replay once the first is written
      } else if (s.customerId() != null && !customers.add(s.customerId())) {
        next.add(s);
      } else {
        together.add(s);
      }
    }
    if (together.size() > 1) {
      Set<String> stored = orders.existing(ids);
      together.removeIf(
          s -> {
            if (stored.contains(s.orderId())) {
              s.handBack(); // a replay
              return true;
            }
            return false;
          });
    }
    if (together.size() == 1) {
      together.get(0).handBack(); // the same statements as without a batcher
    } else if (!together.isEmpty()) {
      // rows go in in one order, so two batches never wait on each other's keys in a cycle
      together.sort(Comparator.comparing(Submission::orderId));
      writeTogether(together);
    }
  }

  private void writeTogether(List<Submission> together) {
    List<OrderResult> results;
    try {
      results =
          batchTransactions.execute(
              status -> writer.write(together.stream().map(Submission::order).toList()));
    } catch (RuntimeException failed) {
      log.debug("a batch of {} orders failed; each is written alone", together.size(), failed);
      together.forEach(Submission::handBack);
      return;
    }
    int written = 0;
    for (int i = 0; i < together.size(); i++) {
      if (results.get(i) == null) {
        // its customer's account or tier state is held elsewhere: it waits alone
        together.get(i).handBack();
        lockedElsewhere.increment();
      } else if (results.get(i).userErrors().isEmpty()) {
        together.get(i).result().complete(Optional.of(results.get(i)));
        written++;
      } else {
        together.get(i).handBack(); // an unknown customer: maybe a replay of a stored order
      }
    }
    batchSizes.record(written);
  }

  private static Optional<OrderResult> await(CompletableFuture<Optional<OrderResult>> result) {
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

  /** Lets each writer finish its batch, then hands what is still queued back to its thread. */
  @Override
  public void destroy() throws InterruptedException {
    stopped = true;
    for (Thread w : writers) {
      w.join(10_000);
      w.interrupt();
    }
    for (Submission left; (left = queue.poll()) != null; ) {
      left.handBack();
    }
  }
}
