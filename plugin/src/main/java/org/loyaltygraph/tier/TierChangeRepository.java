package org.loyaltygraph.tier;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tier history, append-only; each row keeps the tiers as they were when it was written. */
@Repository
class TierChangeRepository {

  private final JdbcClient jdbc;

  TierChangeRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(
      String customerId, Tier from, Tier to, Instant changedAt, String reason, long amount) {
    jdbc.sql(
            "INSERT INTO tier_change (customer_id, from_tier, to_tier, changed_at, reason,"
                + " qualifying_amount) VALUES (?, ?, ?, ?, ?, ?)")
        .params(
            customerId,
            TierJson.tier(from),
            TierJson.tier(to),
            Timestamp.from(changedAt),
            reason,
            amount)
        .update();
  }

  /** The tier the customer was last moved to, as it was then (or empty when never moved). */
  Optional<Tier> lastReached(String customerId) {
    return jdbc.sql(
            "SELECT to_tier FROM tier_change WHERE customer_id = ? ORDER BY id DESC LIMIT 1")
        .param(customerId)
        .query((rs, row) -> Optional.ofNullable(TierJson.tier(rs.getString("to_tier"))))
        .optional()
        .flatMap(tier -> tier);
  }

  /** Up to {@code limit} changes older than {@code beforeId} (all when null), newest first. */
  List<Row> page(String customerId, Long beforeId, int limit) {
    return jdbc.sql(
            "SELECT id, from_tier, to_tier, changed_at, reason, qualifying_amount"
                + " FROM tier_change WHERE customer_id = ? AND id < ? ORDER BY id DESC LIMIT ?")
        .params(customerId, beforeId == null ? Long.MAX_VALUE : beforeId, limit)
        .query(TierChangeRepository::map)
        .list();
  }

  private static Row map(ResultSet rs, int row) throws SQLException {
    return new Row(
        rs.getLong("id"),
        TierJson.tier(rs.getString("from_tier")),
        TierJson.tier(rs.getString("to_tier")),
        rs.getTimestamp("changed_at").toInstant(),
        rs.getString("reason"),
        rs.getLong("qualifying_amount"));
  }

  record Row(long id, Tier from, Tier to, Instant changedAt, String reason, long amount) {}
}
