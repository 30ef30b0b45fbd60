package org.loyaltygraph.event;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The idempotency keys of replays, and what each first asked for. */
@Repository
class WebhookReplayRepository {

  /** What a replay key was first used for; {@code endpointId} null for every endpoint. */
  record Claim(String eventId, Long endpointId) {}

  private final JdbcClient jdbc;

  WebhookReplayRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records the key; false when a replay holds it already (committed, or waited for by the unique
   * key). The duplicate is caught here, so the caller's transaction goes on.
   */
  boolean claim(String key, String eventId, Long endpointId, Instant now) {
    try {
      jdbc.sql(
              "INSERT INTO webhook_replay (idempotency_key, event_id, endpoint_id, created_at)"
                  + " VALUES (?, ?, ?, ?)")
          .params(key, eventId, endpointId, Timestamp.from(now))
          .update();
      return true;
    } catch (DuplicateKeyException taken) {
      return false;
    }
  }

  Optional<Claim> find(String key) {
    return jdbc.sql("SELECT event_id, endpoint_id FROM webhook_replay WHERE idempotency_key = ?")
        .param(key)
        .query(
            (rs, row) -> {
              long endpoint = rs.getLong("endpoint_id");
              return new Claim(rs.getString("event_id"), rs.wasNull() ? null : endpoint);
            })
        .optional();
  }
}
