package org.loyaltygraph.points;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AdjustmentRepository {

  /**
   * A stored adjustment, to recognise a replay and answer its first result: the balance it left
   * (null for adjustments stored before that was kept).
   */
  record Adjustment(long points, String reason, Long availableAfter) {}

  private final JdbcClient jdbc;

  AdjustmentRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Adjustment> find(String customerId, String key) {
    return jdbc.sql(
            "SELECT points, reason, available_after FROM points_adjustment"
                + " WHERE customer_id = ? AND idempotency_key = ?")
        .params(customerId, key)
        .query(
            (rs, n) -> new Adjustment(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class)))
        .optional();
  }

  void insert(
      String customerId,
      String key,
      long points,
      String reason,
      String actor,
      long availableAfter,
      Instant now) {
    jdbc.sql(
            "INSERT INTO points_adjustment (customer_id, idempotency_key, points, reason, actor,"
                + " available_after, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(customerId, key, points, reason, actor, availableAfter, Timestamp.from(now))
        .update();
  }
}
