package org.loyaltygraph.event;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Deliveries, read with their event; leased by the worker with FOR UPDATE SKIP LOCKED. */
@Repository
class WebhookDeliveryRepository {

  private static final String SELECT =
      "SELECT d.id, d.endpoint_id, d.status, d.attempts, d.last_attempt_at, d.next_attempt_at,"
          + " d.last_response_code, d.last_error, d.delivered_at, d.created_at, d.replay_key,"
          + " e.id AS event_id, e.type, e.customer_id, e.occurred_at, e.payload"
          + " FROM webhook_delivery d JOIN outbox_event e ON e.id = d.event_id";

  private final JdbcClient jdbc;
  private final JdbcTemplate jdbcTemplate;

  WebhookDeliveryRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
    this.jdbc = jdbc;
    this.jdbcTemplate = jdbcTemplate;
  }

  /**
   * One PENDING delivery per (event, enabled endpoint that receives its type), for the given
   * events; one statement for the whole batch.
   */
  int fanOut(List<Long> eventSeqs, Instant now) {
    return jdbc.sql(
            "INSERT INTO webhook_delivery (event_id, endpoint_id, status, attempts,"
                + " next_attempt_at, created_at)"
                + " SELECT e.id, p.id, 'PENDING', 0, :now, :now FROM outbox_event e"
                + " JOIN webhook_endpoint p ON p.disabled_at IS NULL"
                + " AND CONCAT(' ', p.event_types, ' ') LIKE CONCAT('% ', e.type, ' %')"
                + " WHERE e.seq IN (:seqs) ORDER BY e.seq, p.id")
        .param("now", Timestamp.from(now))
        .param("seqs", eventSeqs)
        .update();
  }

  long insertReplay(String eventId, long endpointId, String replayKey, Instant now) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO webhook_delivery (event_id, endpoint_id, status, attempts,"
                + " next_attempt_at, created_at, replay_key) VALUES (?, ?, 'PENDING', 0, ?, ?, ?)")
        .params(
            eventId,
            endpointId,
            Timestamp.from(now),
            Timestamp.from(now),
            replayKey == null ? "" : replayKey)
        .update(key);
    return key.getKey().longValue();
  }

  /**
   * Locks up to {@code limit} of one endpoint's deliveries due at {@code now}, the longest waiting
   * first; rows other instances hold are skipped. Call inside the transaction that leases them.
   */
  List<Long> lockDue(long endpointId, Instant now, int limit) {
    return jdbc.sql(
            "SELECT id FROM webhook_delivery WHERE endpoint_id = ? AND status = 'PENDING'"
                + " AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?"
                + " FOR UPDATE SKIP LOCKED")
        .params(endpointId, Timestamp.from(now), limit)
        .query(Long.class)
        .list();
  }

  /**
   * Counts an attempt and hides the rows from other workers until {@code leasedUntil}: if this
   * instance dies while sending, another one sends them again then (at least once).
   */
  void lease(List<Long> ids, Instant now, Instant leasedUntil) {
    jdbc.sql(
            "UPDATE webhook_delivery SET attempts = attempts + 1, last_attempt_at = :now,"
                + " next_attempt_at = :until WHERE id IN (:ids)")
        .param("now", Timestamp.from(now))
        .param("until", Timestamp.from(leasedUntil))
        .param("ids", ids)
        .update();
  }

  /** The leased deliveries with their endpoint's URL and secret, for the sender. */
  List<Leased> leased(List<Long> ids) {
    return jdbc.sql(
            "SELECT d.id, d.attempts, d.endpoint_id, p.url, p.secret, e.id AS event_id, e.type, e.customer_id,"
                + " e.occurred_at, e.payload FROM webhook_delivery d"
                + " JOIN outbox_event e ON e.id = d.event_id"
                + " JOIN webhook_endpoint p ON p.id = d.endpoint_id WHERE d.id IN (:ids)"
                + " ORDER BY d.id")
        .param("ids", ids)
        .query(
            (rs, row) ->
                new Leased(
                    rs.getLong("id"),
                    rs.getInt("attempts"),
                    rs.getLong("endpoint_id"),
                    rs.getString("url"),
                    rs.getString("secret"),
                    event(rs)))
        .list();
  }

  /** An attempt that the receiver answered with a 2xx. */
  record Delivered(long id, int attempt, int responseCode) {}

  /**
   * Records these attempts as delivered, each unless a later attempt was leased since (a worker
   * that stalled past its lease must not overwrite what came after it); one round trip for all
   * (Connector/J sends the batch as one multi-statement packet).
   */
  void delivered(List<Delivered> attempts, Instant now) {
    if (attempts.isEmpty()) {
      return;
    }
    Timestamp at = Timestamp.from(now);
    jdbcTemplate.batchUpdate(
        "UPDATE webhook_delivery SET status = 'DELIVERED', delivered_at = ?,"
            + " last_response_code = ?, last_error = NULL WHERE id = ? AND status = 'PENDING'"
            + " AND attempts = ?",
        attempts.stream()
            .map(d -> new Object[] {at, d.responseCode(), d.id(), d.attempt()})
            .toList());
  }

  /**
   * A failed attempt: PENDING again from {@code nextAttemptAt}, or FAILED when it was the last;
   * like {@link #delivered}, only while it is still the latest attempt.
   */
  void failed(
      long id,
      int attempt,
      Integer responseCode,
      String error,
      WebhookDelivery.Status status,
      Instant nextAttemptAt) {
    jdbc.sql(
            "UPDATE webhook_delivery SET status = ?, last_response_code = ?, last_error = ?,"
                + " next_attempt_at = ? WHERE id = ? AND status = 'PENDING' AND attempts = ?")
        .params(
            status.name(),
            responseCode,
            error == null ? null : truncate(error),
            Timestamp.from(nextAttemptAt),
            id,
            attempt)
        .update();
  }

  /** Cancels what a disabled endpoint still had to receive (a delivery in flight too). */
  void cancelPending(long endpointId) {
    jdbc.sql(
            "UPDATE webhook_delivery SET status = 'CANCELED' WHERE endpoint_id = ?"
                + " AND status = 'PENDING'")
        .param(endpointId)
        .update();
  }

  /** Up to {@code limit} deliveries to one endpoint below {@code beforeId}, newest first. */
  List<WebhookDelivery> page(long endpointId, Long beforeId, int limit) {
    return jdbc.sql(SELECT + " WHERE d.endpoint_id = ? AND d.id < ? ORDER BY d.id DESC LIMIT ?")
        .params(endpointId, beforeId == null ? Long.MAX_VALUE : beforeId, limit)
        .query(WebhookDeliveryRepository::map)
        .list();
  }

  List<WebhookDelivery> byIds(List<Long> ids) {
    return jdbc.sql(SELECT + " WHERE d.id IN (:ids) ORDER BY d.id")
        .param("ids", ids)
        .query(WebhookDeliveryRepository::map)
        .list();
  }

  List<WebhookDelivery> byReplayKey(String replayKey) {
    return jdbc.sql(SELECT + " WHERE d.replay_key = ? ORDER BY d.id")
        .param(replayKey)
        .query(WebhookDeliveryRepository::map)
        .list();
  }

  private static String truncate(String error) {
    return error.length() <= 500 ? error : error.substring(0, 497) + "...";
  }

  private static OutboxEvent event(ResultSet rs) throws SQLException {
    return new OutboxEvent(
        rs.getString("event_id"),
        EventType.fromWireName(rs.getString("type")).orElseThrow(),
        rs.getString("customer_id"),
        rs.getTimestamp("occurred_at").toInstant(),
        rs.getString("payload"));
  }

  private static WebhookDelivery map(ResultSet rs, int row) throws SQLException {
    int code = rs.getInt("last_response_code");
    Integer responseCode = rs.wasNull() ? null : code;
    return new WebhookDelivery(
        rs.getLong("id"),
        event(rs),
        rs.getLong("endpoint_id"),
        WebhookDelivery.Status.valueOf(rs.getString("status")),
        rs.getInt("attempts"),
        instant(rs.getTimestamp("last_attempt_at")),
        instant(rs.getTimestamp("next_attempt_at")),
        responseCode,
        rs.getString("last_error"),
        instant(rs.getTimestamp("delivered_at")),
        rs.getTimestamp("created_at").toInstant(),
        rs.getString("replay_key") != null);
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  /** A delivery being sent: where, with which secret, and what. */
  record Leased(
      long id, int attempts, long endpointId, String url, String secret, OutboxEvent event) {

    @Override
    public String toString() {
      return "Leased[id=" + id + ", attempts=" + attempts + ", url=" + url + "]";
    }
  }
}
