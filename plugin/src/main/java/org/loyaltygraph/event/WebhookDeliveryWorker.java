package org.loyaltygraph.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.loyaltygraph.system.LockConflictRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves the outbox to the receivers, in two steps, each leased through the database ({@code FOR
 * UPDATE SKIP LOCKED}) so any number of instances run it side by side:
 *
 * <ol>
 *   <li>fan-out: each new event becomes one delivery per enabled endpoint of its type;
 *   <li>delivery: due deliveries are leased in batches (an attempt counted, hidden from other
 *       workers for a lease longer than any request), sent at once with timeouts and no open
 *       transaction, then marked DELIVERED, or PENDING again after a backoff, or FAILED.
 * </ol>
 *
 * A batch shares its size out among the endpoints (at least one each), so a backlog at one endpoint
 * never fills it; an endpoint that does not answer at all is paused for its backoff, so it costs
 * the others one timeout, not one per batch.
 *
 * <p>With {@code delivery-concurrency} above 1, that many delivery loops run side by side in an
 * instance, each leasing, sending and recording its own batches: the leases skip each other's rows
 * as they skip another instance's.
 *
 * <p>At least once: an instance that dies mid-batch leaves its deliveries to be sent again when
 * their lease ends; receivers drop duplicates by event id.
 */
@Component
public class WebhookDeliveryWorker implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(WebhookDeliveryWorker.class);
  private static final int FAN_OUT_BATCH = 500;

  private final OutboxRepository events;
  private final WebhookDeliveryRepository deliveries;
  private final WebhookEndpointRepository endpoints;
  private final WebhookSender sender;
  private final TransactionTemplate transactions;
  private final EventProperties properties;
  private final RetrySchedule retries;
  private final Duration lease;
  private final Clock clock;
  // the delivery loops besides the caller's own; null with delivery-concurrency 1
  private final ExecutorService loops;
  private volatile boolean closing;

  WebhookDeliveryWorker(
      OutboxRepository events,
      WebhookDeliveryRepository deliveries,
      WebhookEndpointRepository endpoints,
      WebhookSender sender,
      TransactionTemplate transactions,
      EventProperties properties,
      Clock clock) {
    this.events = events;
    this.deliveries = deliveries;
    this.endpoints = endpoints;
    this.sender = sender;
    this.transactions = transactions;
    this.properties = properties;
    this.retries = RetrySchedule.of(properties);
    // longer than any attempt can take, so a lease ends only when its instance is gone
    this.lease =
        properties
            .connectTimeout()
            .plus(properties.requestTimeout())
            .multipliedBy(2)
            .plusMinutes(1);
    this.clock = clock;
    int others = properties.deliveryConcurrency() - 1;
    this.loops = others == 0 ? null : Executors.newFixedThreadPool(others, WebhookLoopThread::new);
  }

  /**
   * Fans out new events, then sends every delivery due now, batch after batch, until none is due;
   * answers how many attempts this call made. Failed attempts are due again only after their
   * backoff, so a run ends.
   */
  public int runDue() {
    return runDue(null);
  }

  /**
   * As {@link #runDue()}, but leases no new batch once {@code budget} (machine time) has passed:
   * the scheduler's thread is shared with the other jobs, and the next run goes on from there.
   */
  int runDue(Duration budget) {
    long deadline = budget == null ? 0 : System.nanoTime() + budget.toNanos();
    dispatchNewEvents();
    AtomicBoolean stop = new AtomicBoolean();
    if (loops == null) {
      return sendDue(budget != null, deadline, stop);
    }
    List<Future<Integer>> others = new ArrayList<>();
    for (int i = 1; i < properties.deliveryConcurrency(); i++) {
      others.add(loops.submit(() -> sendDue(budget != null, deadline, stop)));
    }
    int attempts = 0;
    Throwable failed = null;
    try {
      attempts += sendDue(budget != null, deadline, stop);
    } catch (Throwable e) {
      failed = e;
      stop.set(true);
    }
    // every loop has ended before the run does, also when this thread is interrupted (the loops
    // then lease nothing more): the next run never overlaps this one's, and no batch goes on
    // sending after its worker was told to stop
    boolean interrupted = false;
    for (Future<Integer> other : others) {
      while (true) {
        try {
          attempts += other.get();
          break;
        } catch (ExecutionException e) {
          failed = firstOf(failed, e.getCause());
          break;
        } catch (InterruptedException e) {
          interrupted = true;
          stop.set(true);
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failed instanceof RuntimeException e) {
      throw e;
    }
    if (failed instanceof Error e) {
      throw e;
    }
    if (failed != null) {
      throw new IllegalStateException(failed);
    }
    return attempts;
  }

  private static Throwable firstOf(Throwable first, Throwable next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  /**
   * One delivery loop: leases and sends batches until none is due, the deadline has passed, or the
   * run or the worker stops.
   */
  private int sendDue(boolean bounded, long deadline, AtomicBoolean stop) {
    int attempts = 0;
    while ((!bounded || System.nanoTime() - deadline < 0) && !stop.get() && !closing) {
      List<WebhookDeliveryRepository.Leased> batch = leaseDue();
      if (batch.isEmpty()) {
        return attempts;
      }
      send(batch);
      attempts += batch.size();
    }
    return attempts;
  }

  /**
   * Leases nothing more and waits for the loops' batches in flight (each bounded by the timeouts)
   * before the sender and the database pool close.
   */
  @Override
  public void destroy() throws InterruptedException {
    closing = true;
    if (loops != null) {
      loops.shutdown();
      Duration batch = properties.connectTimeout().plus(properties.requestTimeout()).plusSeconds(5);
      if (!loops.awaitTermination(batch.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("webhook delivery loops still running at shutdown; their leases expire");
        loops.shutdownNow();
      }
    }
  }

  /** The extra delivery loops' threads, named for thread dumps, never holding the JVM up. */
  private static final class WebhookLoopThread extends Thread {
    private static final AtomicInteger COUNT = new AtomicInteger();

    WebhookLoopThread(Runnable task) {
      super(task, "webhook-delivery-" + COUNT.incrementAndGet());
      setDaemon(true);
    }
  }

  /** Turns every event not yet fanned out into its deliveries; answers how many were queued. */
  int dispatchNewEvents() {
    int queued = 0;
    while (true) {
      Integer done =
          transactions.execute(
              status -> {
                List<Long> seqs = events.lockUndispatched(FAN_OUT_BATCH);
                if (seqs.isEmpty()) {
                  return -1;
                }
                Instant now = clock.instant();
                int rows = deliveries.fanOut(seqs, now);
                events.markDispatched(seqs, now);
                return rows;
              });
      if (done == null || done < 0) {
        return queued;
      }
      queued += done;
    }
  }

  private List<WebhookDeliveryRepository.Leased> leaseDue() {
    return transactions.execute(
        status -> {
          Instant now = clock.instant();
          List<Long> served = endpoints.deliverable(now);
          int share = Math.max(1, properties.deliveryBatchSize() / Math.max(1, served.size()));
          List<Long> ids = new ArrayList<>();
          for (long endpointId : served) {
            ids.addAll(deliveries.lockDue(endpointId, now, share));
          }
          if (ids.isEmpty()) {
            return List.of();
          }
          deliveries.lease(ids, now, now.plus(lease));
          return deliveries.leased(ids);
        });
  }

  /**
   * Sends the batch at once, then records every outcome in one transaction: one commit, and the
   * delivered ones in one round trip. A deadlock with an admin's change (disabling an endpoint
   * cancels its pending deliveries) runs that transaction again: each update holds only while its
   * attempt is still the latest, so writing twice is harmless. Endpoints that did not answer are
   * paused after it, whatever became of it.
   */
  private void send(List<WebhookDeliveryRepository.Leased> batch) {
    List<CompletableFuture<WebhookSender.Outcome>> sent = new ArrayList<>(batch.size());
    for (WebhookDeliveryRepository.Leased delivery : batch) {
      sent.add(sender.send(delivery.url(), delivery.secret(), delivery.event()));
    }
    List<WebhookSender.Outcome> outcomes = sent.stream().map(CompletableFuture::join).toList();
    Instant now = clock.instant(); // once every answer is in: backoffs count from the last of them
    List<WebhookDeliveryRepository.Delivered> delivered = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    Map<Long, Instant> pauses = new TreeMap<>();
    for (int i = 0; i < batch.size(); i++) {
      WebhookDeliveryRepository.Leased delivery = batch.get(i);
      WebhookSender.Outcome outcome = outcomes.get(i);
      if (outcome.delivered()) {
        delivered.add(
            new WebhookDeliveryRepository.Delivered(
                delivery.id(), delivery.attempts(), outcome.statusCode()));
        continue;
      }
      Failure failure = failure(delivery, outcome, now);
      failures.add(failure);
      if (failure.status() == WebhookDelivery.Status.PENDING && outcome.statusCode() == null) {
        // no answer (timeout, refused): the endpoint's backlog waits too, not one timeout per batch
        pauses.merge(
            delivery.endpointId(), failure.nextAttemptAt(), (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    try {
      LockConflictRetry.run(
          () ->
              transactions.execute(
                  status -> {
                    deliveries.delivered(delivered, now);
                    for (Failure f : failures) {
                      deliveries.failed(
                          f.delivery().id(),
                          f.delivery().attempts(),
                          f.outcome().statusCode(),
                          f.outcome().error(),
                          f.status(),
                          f.nextAttemptAt());
                    }
                    return null;
                  }));
    } finally {
      // in endpoint order, one statement each, outside the transaction: an admin's change to an
      // endpoint never waits on it
      pauses.forEach(endpoints::pause);
    }
  }

  /** A failed attempt as it is to be recorded: due again at {@code nextAttemptAt}, or FAILED. */
  private record Failure(
      WebhookDeliveryRepository.Leased delivery,
      WebhookSender.Outcome outcome,
      WebhookDelivery.Status status,
      Instant nextAttemptAt) {}

  /** What a failed attempt leads to: another after a backoff, or FAILED after the last. */
  private Failure failure(
      WebhookDeliveryRepository.Leased delivery, WebhookSender.Outcome outcome, Instant now) {
    if (retries.exhausted(delivery.attempts())) {
      log.warn(
          "webhook delivery {} of event {} failed after {} attempts: {}",
          delivery.id(),
          delivery.event().id(),
          delivery.attempts(),
          outcome.error());
      return new Failure(delivery, outcome, WebhookDelivery.Status.FAILED, now);
    }
    Duration wait =
        retries.delayAfter(delivery.attempts(), ThreadLocalRandom.current()::nextDouble);
    return new Failure(delivery, outcome, WebhookDelivery.Status.PENDING, now.plus(wait));
  }
}
