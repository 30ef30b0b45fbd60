package org.loyaltygraph.event;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code loyaltygraph.events.*}: the outbox's jobs and how webhooks are delivered.
 *
 * @param scheduled false to run neither job on a schedule (tests call them directly)
 * @param deliveryInterval pause between runs of the delivery worker
 * @param deliveryBatchSize deliveries sent at once (concurrently) per round of the worker
 * @param deliveryConcurrency how many of those rounds an instance runs side by side, each with its
 *     own batch (the leases skip each other's rows); at most 64
 * @param connectTimeout how long to wait for a receiver's TCP/TLS connection
 * @param requestTimeout how long to wait for a receiver's answer
 * @param maxAttempts attempts before a delivery is FAILED
 * @param retryBaseDelay the delay after the first failed attempt; it doubles after each
 * @param retryMaxDelay the longest delay between two attempts
 * @param expiryWarningDays how many days ahead {@code points.expiring} warns
 * @param expiryWarningInterval pause between runs of the expiry warning job
 * @param retention how long finished deliveries and fanned-out events are kept; longer than the
 *     expiry warning period, whose events also stop a second warning
 * @param retentionInterval pause between runs of the retention job
 * @param allowPrivateAddresses true to let endpoints be on loopback or private networks (tests, a
 *     receiver inside the same network on purpose); false by default
 */
@ConfigurationProperties("loyaltygraph.events")
record EventProperties(
    @DefaultValue("true") boolean scheduled,
    @DefaultValue("1s") Duration deliveryInterval,
    @DefaultValue("50") int deliveryBatchSize,
    @DefaultValue("1") int deliveryConcurrency,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("10s") Duration requestTimeout,
    @DefaultValue("12") int maxAttempts,
    @DefaultValue("30s") Duration retryBaseDelay,
    @DefaultValue("6h") Duration retryMaxDelay,
    @DefaultValue("14") int expiryWarningDays,
    @DefaultValue("1h") Duration expiryWarningInterval,
    @DefaultValue("90d") Duration retention,
    @DefaultValue("1h") Duration retentionInterval,
    @DefaultValue("false") boolean allowPrivateAddresses) {

  EventProperties {
    if (deliveryBatchSize < 1
        || deliveryConcurrency < 1
        || maxAttempts < 1
        || expiryWarningDays < 1) {
      throw new IllegalArgumentException(
          "loyaltygraph.events: delivery-batch-size, delivery-concurrency, max-attempts and"
              + " expiry-warning-days must be at least 1");
    }
    if (deliveryConcurrency > 64) {
      throw new IllegalArgumentException(
          "loyaltygraph.events.delivery-concurrency must be at most 64: each loop holds a"
              + " database connection while it leases and records");
    }
    if (retention.compareTo(Duration.ofDays(expiryWarningDays + 1L)) < 0) {
      throw new IllegalArgumentException(
          "loyaltygraph.events.retention must be longer than expiry-warning-days: the warnings"
              + " kept are what stops a second warning");
    }
  }
}
