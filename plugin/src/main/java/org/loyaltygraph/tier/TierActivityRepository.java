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
import org.springframework.stereotype.Repository;

/** The append-only qualifying activity: orders and refunds as they count for tiers. */
@Repository
class TierActivityRepository {

  private final JdbcClient jdbc;

  TierActivityRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  boolean exists(String sourceId) {
    return jdbc.sql("SELECT COUNT(*) FROM tier_activity WHERE source_id = ?")
            .param(sourceId)
            .query(Long.class)
            .single()
        > 0;
  }

  void insert(
      String customerId,
      String sourceId,
      Instant occurredAt,
      long spendDelta,
      long pointsDelta,
      Instant now) {
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
        .update();
  }

  /** The customer's activity in [start, end), oldest first; a null end means no upper bound. */
  List<QualifyingActivity> inWindow(String customerId, Instant start, Instant end) {
    return inWindow(List.of(customerId), start, end).getOrDefault(customerId, List.of());
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
