package org.loyaltygraph.event;

import java.time.Instant;
import java.util.Set;

/**
 * A receiver of webhooks. The secret never leaves this package except once, in the answer to its
 * creation; {@link #toString()} leaves it out so that no log shows it.
 */
record WebhookEndpoint(
    long id,
    String url,
    Set<EventType> eventTypes,
    String secret,
    String createdBy,
    Instant createdAt,
    Instant disabledAt,
    Instant pausedUntil) {

  boolean enabled() {
    return disabledAt == null;
  }

  @Override
  public String toString() {
    return "WebhookEndpoint[id=" + id + ", url=" + url + ", eventTypes=" + eventTypes + "]";
  }
}
