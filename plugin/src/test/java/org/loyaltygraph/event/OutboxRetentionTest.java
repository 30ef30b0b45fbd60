package org.loyaltygraph.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Old, finished outbox rows go after the retention period (90 days); the rest stays. */
@LoyaltyGraphTest
class OutboxRetentionTest {

  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private static final Instant OLD = NOW.minus(Duration.ofDays(100));
  private static final Instant RECENT = NOW.minus(Duration.ofDays(10));
  private static final long ENDPOINT = 987_654_321L;

  @Autowired JdbcClient jdbc;
  @Autowired MutableClock clock;
  @Autowired OutboxRetentionJob retention;

  @Test
  void finishedDeliveriesAndTheirFannedOutEventsGoWhilePendingOnesStay() {
    clock.set(NOW);
    String alone = event(OLD, true);
    String delivered = event(OLD, true);
    delivery(delivered, "DELIVERED", OLD);
    String failed = event(OLD, true);
    delivery(failed, "FAILED", OLD);
    String pending = event(OLD, true);
    delivery(pending, "PENDING", OLD);
    String notFannedOut = event(OLD, false);
    String recent = event(RECENT, true);
    delivery(recent, "DELIVERED", RECENT);

    retention.runDue();

    assertThat(eventExists(alone)).isFalse();
    assertThat(eventExists(delivered)).isFalse();
    assertThat(deliveries(delivered)).isZero();
    assertThat(eventExists(failed)).isFalse();
    assertThat(eventExists(pending)).as("a pending delivery keeps its event").isTrue();
    assertThat(deliveries(pending)).isEqualTo(1);
    assertThat(eventExists(notFannedOut)).as("not fanned out yet").isTrue();
    assertThat(eventExists(recent)).isTrue();
    assertThat(deliveries(recent)).isEqualTo(1);
  }

  private String event(Instant at, boolean dispatched) {
    String id = UUID.randomUUID().toString();
    jdbc.sql(
            "INSERT INTO outbox_event (id, type, customer_id, occurred_at, payload, dispatched_at)"
                + " VALUES (?, 'points.earned', 'c-retention', ?, '{}', ?)")
        .params(id, Timestamp.from(at), dispatched ? Timestamp.from(at) : null)
        .update();
    return id;
  }

  private void delivery(String eventId, String status, Instant at) {
    jdbc.sql(
            "INSERT INTO webhook_delivery (event_id, endpoint_id, status, attempts,"
                + " next_attempt_at, created_at) VALUES (?, ?, ?, 1, ?, ?)")
        .params(eventId, ENDPOINT, status, Timestamp.from(at), Timestamp.from(at))
        .update();
  }

  private boolean eventExists(String id) {
    return jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE id = ?")
            .param(id)
            .query(Long.class)
            .single()
        == 1;
  }

  private long deliveries(String eventId) {
    return jdbc.sql("SELECT COUNT(*) FROM webhook_delivery WHERE event_id = ?")
        .param(eventId)
        .query(Long.class)
        .single();
  }
}
