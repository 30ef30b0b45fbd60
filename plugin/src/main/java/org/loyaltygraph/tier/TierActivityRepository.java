package org.loyaltygraph.tier;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The append-only qualifying activity: orders and refunds as they count for tiers. */
@Repository
class TierActivityRepository {

  private final JdbcClient jdbc;

  TierActivityRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Whether the source was recorded, as last committed: a locking read, since the caller's
   * transaction (the order's) may hold an older snapshot.
   */
  boolean exists(String sourceId) {
    return !jdbc.sql("SELECT id FROM tier_activity WHERE source_id = ? FOR UPDATE")
        .param(sourceId)
        .query(Long.class)
        .list()
        .isEmpty();
  }

  /** Appends a row and answers its id. */
  void reassign(String fromCustomer, String toCustomer) {
    jdbc.sql("UPDATE tier_activity SET customer_id = ? WHERE customer_id = ?")
        .params(toCustomer, fromCustomer)
        .update();
  }

  long insert(
      String customerId,
      String sourceId,
      Instant occurredAt,
      long spendDelta,
      long pointsDelta,
      Instant now) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO tier_activity (customer_id, source_id, occurred_at, spend_delta,"
                + " points_delta, recorded_at) VALUES (?, ?, ?, ?, ?, ?)")
        .params(
            customerId,
            sourceId,
            Timestamp.from(occurredAt),
            spendDelta,
            pointsDelta,
            Timestamp.from(now))
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  /** The customer's newest activity row as this transaction's snapshot sees it (0 for none). */
  long lastIdSeen(String customerId) {
    return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM tier_activity WHERE customer_id = ?")
        .param(customerId)
        .query(Long.class)
        .single();
  }

  /** The customer's activity in [start, end), oldest first; a null end means no upper bound. */
  List<QualifyingActivity> inWindow(String customerId, Instant start, Instant end) {
    return inWindow(List.of(customerId), start, end).getOrDefault(customerId, List.of());
  }

  /**
   * The same, as last committed: a locking read, for a caller whose transaction snapshot is older
   * than the customer's newest activity. Rare (two orders of one customer at once), so its next-key
   * locks cost little.
   */
  List<QualifyingActivity> inWindowLatest(String customerId, Instant start, Instant end) {
    return jdbc.sql(
            "SELECT occurred_at, spend_delta, points_delta FROM tier_activity"
                + " WHERE customer_id = :id AND occurred_at >= :start"
                + (end == null ? "" : " AND occurred_at < :end")
                + " ORDER BY occurred_at FOR UPDATE")
        .param("id", customerId)
        .param("start", Timestamp.from(start))
        .param("end", end == null ? null : Timestamp.from(end))
        .query((rs, row) -> map(rs))
        .list();
  }

  /** The activity of several customers in [start, end), each list oldest first. */
  Map<String, List<QualifyingActivity>> inWindow(
      Collection<String> customerIds, Instant start, Instant end) {
    Map<String, List<QualifyingActivity>> byCustomer = new HashMap<>();
    if (customerIds.isEmpty()) {
      return byCustomer;
    }
    jdbc.sql(
            "SELECT customer_id, occurred_at, spend_delta, points_delta FROM tier_activity"
                + " WHERE customer_id IN (:ids) AND occurred_at >= :start"
                + (end == null ? "" : " AND occurred_at < :end")
                + " ORDER BY customer_id, occurred_at")
        .param("ids", customerIds)
        .param("start", Timestamp.from(start))
        .param("end", end == null ? null : Timestamp.from(end))
        .query(
            (RowCallbackHandler)
                rs ->
                    byCustomer
                        .computeIfAbsent(rs.getString("customer_id"), id -> new ArrayList<>())
                        .add(map(rs)));
    return byCustomer;
  }

  private static QualifyingActivity map(ResultSet rs) throws SQLException {
    return new QualifyingActivity(
        rs.getTimestamp("occurred_at").toInstant(),
        rs.getLong("spend_delta"),
        rs.getLong("points_delta"));
  }
}
