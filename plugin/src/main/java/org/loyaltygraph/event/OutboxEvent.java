package org.loyaltygraph.event;

import java.time.Instant;

/**
 * An event as stored and delivered.
 *
 * @param id the UUID receivers see, the same on every delivery and replay
 * @param customerId null for events about no customer
 * @param payload the event's data, a JSON object as text
 */
record OutboxEvent(
    String id, EventType type, String customerId, Instant occurredAt, String payload) {}
