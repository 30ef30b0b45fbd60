package org.loyaltygraph.event;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the delivery worker and the expiry warnings on their intervals, unless {@code
 * loyaltygraph.events.scheduled} is false (the tests run them by hand, with their own clock).
 */
@Component
@ConditionalOnProperty(
    name = "loyaltygraph.events.scheduled",
    havingValue = "true",
    matchIfMissing = true)
class EventSchedule {

  private static final Logger log = LoggerFactory.getLogger(EventSchedule.class);

  /** The scheduler's thread serves every job: a backlog is worked off in slices of this. */
  private static final Duration RUN_BUDGET = Duration.ofSeconds(30);

  private final WebhookDeliveryWorker worker;
  private final ExpiryWarningJob expiryWarnings;
  private final OutboxRetentionJob retention;

  EventSchedule(
      WebhookDeliveryWorker worker, ExpiryWarningJob expiryWarnings, OutboxRetentionJob retention) {
    this.worker = worker;
    this.expiryWarnings = expiryWarnings;
    this.retention = retention;
  }

  @Scheduled(
      fixedDelayString = "${loyaltygraph.events.retention-interval:1h}",
      initialDelayString = "${loyaltygraph.events.retention-interval:1h}")
  void forget() {
    try {
      int deleted = retention.runDue();
      if (deleted > 0) {
        log.info("outbox retention: {} rows deleted", deleted);
      }
    } catch (ConcurrencyFailureException e) {
      log.info("outbox retention run conflicted with another writer; next run retries", e);
    }
  }

  @Scheduled(
      fixedDelayString = "${loyaltygraph.events.delivery-interval:1s}",
      initialDelayString = "${loyaltygraph.events.delivery-interval:1s}")
  void deliver() {
    try {
      int attempts = worker.runDue(RUN_BUDGET);
      if (attempts > 0) {
        log.info("webhooks: {} delivery attempts", attempts);
      }
    } catch (ConcurrencyFailureException e) {
      // a lease or fan-out rolled back whole (a deadlock, a Galera conflict): the next run takes it
      // again; a batch whose outcomes could not be recorded is sent again when its lease ends
      log.info("webhook delivery run conflicted with another writer; next run retries", e);
    }
  }

  @Scheduled(
      fixedDelayString = "${loyaltygraph.events.expiry-warning-interval:1h}",
      initialDelayString = "${loyaltygraph.events.delivery-interval:1s}")
  void warnOfExpiries() {
    try {
      int written = expiryWarnings.runDue();
      if (written > 0) {
        log.info("points.expiring: {} warnings written", written);
      }
    } catch (ConcurrencyFailureException e) {
      log.info("expiry warning run conflicted with another writer; next run retries", e);
    }
  }
}
