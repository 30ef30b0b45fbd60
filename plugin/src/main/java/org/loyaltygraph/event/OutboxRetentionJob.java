package org.loyaltygraph.event;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes what the outbox no longer needs once it is older than {@code loyaltygraph.events.
 * retention}: finished deliveries (delivered, failed, canceled), then events that were fanned out
 * and have no delivery left. Pending deliveries and their events stay, whatever their age. Works in
 * small batches, oldest first, so it never holds many locks.
 */
@Component
public class OutboxRetentionJob {

  private static final int BATCH = 1000;

  private final JdbcClient jdbc;
  private final EventProperties properties;
  private final Clock clock;

  OutboxRetentionJob(JdbcClient jdbc, EventProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
  }

  /** Deletes everything due; answers how many rows (deliveries and events) went. */
  public int runDue() {
    Timestamp cutoff = Timestamp.from(clock.instant().minus(properties.retention()));
    int deleted = 0;
    int batch;
    do {
      batch =
          jdbc.sql(
                  "DELETE FROM webhook_delivery WHERE status <> 'PENDING' AND created_at < ?"
                      + " ORDER BY id LIMIT "
                      + BATCH)
              .param(cutoff)
              .update();
      deleted += batch;
    } while (batch == BATCH);
    do {
      batch =
          jdbc.sql(
                  "DELETE FROM outbox_event WHERE dispatched_at IS NOT NULL AND occurred_at < ?"
                      + " AND NOT EXISTS (SELECT 1 FROM webhook_delivery d"
                      + " WHERE d.event_id = outbox_event.id) ORDER BY seq LIMIT "
                      + BATCH)
              .param(cutoff)
              .update();
      deleted += batch;
    } while (batch == BATCH);
    return deleted;
  }
}
