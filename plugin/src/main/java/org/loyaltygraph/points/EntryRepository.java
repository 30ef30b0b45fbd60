package org.loyaltygraph.points;

import java.time.Instant;
import java.util.List;
import org.loyaltygraph.system.SqlTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ledger: rows are inserted, never updated or deleted. */
@Repository
class EntryRepository {

  private final JdbcClient jdbc;

  EntryRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void append(
      String customerId,
      long lotId,
      PointsEntryType type,
      long points,
      String causeType,
      String causeId,
      String reason,
      Instant at) {
    jdbc.sql(
            "INSERT INTO points_entry (customer_id, lot_id, type, points, cause_type, cause_id,"
                + " reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(customerId, lotId, type.name(), points, causeType, causeId, reason, SqlTimes.of(at))
        .update();
  }

  /** Moves a customer's entries to another customer (a merge), optionally onto another lot. */
  void reassign(String fromCustomer, String toCustomer) {
    jdbc.sql("UPDATE points_entry SET customer_id = ? WHERE customer_id = ?")
        .params(toCustomer, fromCustomer)
        .update();
  }

  void moveToLot(long fromLot, long toLot, String toCustomer) {
    jdbc.sql("UPDATE points_entry SET lot_id = ?, customer_id = ? WHERE lot_id = ?")
        .params(toLot, toCustomer, fromLot)
        .update();
  }

  /** Newest first, strictly older than {@code beforeId} when given. */
  List<PointsEntry> page(String customerId, Long beforeId, int limit) {
    return jdbc.sql(
            "SELECT id, customer_id, lot_id, type, points, cause_type, cause_id, reason, created_at"
                + " FROM points_entry WHERE customer_id = :customer AND (:before IS NULL OR id < :before)"
                + " ORDER BY id DESC LIMIT :limit")
        .param("customer", customerId)
        .param("before", beforeId)
        .param("limit", limit)
        .query(
            (rs, n) ->
                new PointsEntry(
                    rs.getLong("id"),
                    rs.getString("customer_id"),
                    rs.getLong("lot_id"),
                    PointsEntryType.valueOf(rs.getString("type")),
                    rs.getLong("points"),
                    rs.getString("cause_type"),
                    rs.getString("cause_id"),
                    rs.getString("reason"),
                    SqlTimes.instant(rs, "created_at")))
        .list();
  }
}
