package org.loyaltygraph.event;

import java.time.Instant;

/**
 * One delivery of one event to one endpoint, with its event.
 *
 * @param lastResponseCode null when no answer came (timeout, refused connection)
 * @param replay true for a delivery queued by a replay
 */
record WebhookDelivery(
    long id,
    OutboxEvent event,
    long endpointId,
    Status status,
    int attempts,
    Instant lastAttemptAt,
    Instant nextAttemptAt,
    Integer lastResponseCode,
    String lastError,
    Instant deliveredAt,
    Instant createdAt,
    boolean replay) {

  enum Status {
    PENDING,
    DELIVERED,
    FAILED,
    CANCELED
  }
}
