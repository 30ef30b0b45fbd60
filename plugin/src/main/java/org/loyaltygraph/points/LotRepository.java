package org.loyaltygraph.points;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.loyaltygraph.system.MultiRowInsert;
import org.loyaltygraph.system.SqlTimes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Lots are read FOR UPDATE: callers hold the customer's account lock first. The per-customer
 * locking reads force the customer's index: left to itself the optimizer may range-scan {@code
 * (status, available_at)} over every customer's due lots, locking (and waiting on) other customers'
 * rows, which serialised concurrent orders and deadlocked them (measured by the benchmark).
 */
@Repository
class LotRepository {

  private static final String COLUMNS =
      "id, customer_id, source_type, source_id, earned, remaining, expired_unreversed, status,"
          + " available_at, expires_at";

  private final JdbcClient jdbc;
  private final JdbcTemplate jdbcTemplate;

  LotRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
    this.jdbc = jdbc;
    this.jdbcTemplate = jdbcTemplate;
  }

  long insert(
      String customerId,
      String sourceType,
      String sourceId,
      long points,
      PointsLot.Status status,
      Instant availableAt,
      Instant expiresAt,
      Instant now) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO points_lot (customer_id, source_type, source_id, earned, remaining,"
                + " status, available_at, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            customerId,
            sourceType,
            sourceId,
            points,
            points,
            status.name(),
            SqlTimes.of(availableAt),
            SqlTimes.of(expiresAt),
            SqlTimes.of(now))
        .update(key);
    return key.getKey().longValue();
  }

  /** A lot to insert with {@link #insertAll}. */
  record NewLot(
      String customerId,
      String sourceId,
      long points,
      PointsLot.Status status,
      Instant availableAt,
      Instant expiresAt) {}

  private static final MultiRowInsert INSERT_LOTS =
      MultiRowInsert.into(
          "points_lot",
          "customer_id, source_type, source_id, earned, remaining, status, available_at,"
              + " expires_at, created_at");

  /** Inserts lots of one source type in one statement. */
  void insertAll(String sourceType, List<NewLot> newLots, Instant now) {
    LocalDateTime created = SqlTimes.of(now);
    INSERT_LOTS.insert(
        jdbcTemplate,
        newLots.stream()
            .map(
                l ->
                    new Object[] {
                      l.customerId(),
                      sourceType,
                      l.sourceId(),
                      l.points(),
                      l.points(),
                      l.status().name(),
                      SqlTimes.of(l.availableAt()),
                      SqlTimes.of(l.expiresAt()),
                      created
                    })
            .toList());
  }

  Optional<PointsLot> lock(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM points_lot WHERE id = ? FOR UPDATE")
        .param(id)
        .query(LotRepository::map)
        .optional();
  }

  /** Locks the lot of a source (unique by type and id), if it has one. */
  Optional<PointsLot> lockBySource(String sourceType, String sourceId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM points_lot WHERE source_type = ? AND source_id = ? FOR UPDATE")
        .params(sourceType, sourceId)
        .query(LotRepository::map)
        .optional();
  }

  Optional<PointsLot> lockDebt(String customerId) {
    return lockBySource(PointsLot.DEBT, customerId);
  }

  /** Spendable lots, the soonest to expire first (never-expiring last), oldest first on ties. */
  List<PointsLot> lockSpendable(String customerId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM points_lot FORCE INDEX (points_lot_customer) WHERE customer_id = ? AND status = 'AVAILABLE'"
                + " AND remaining > 0 ORDER BY expires_at IS NULL, expires_at, id FOR UPDATE")
        .param(customerId)
        .query(LotRepository::map)
        .list();
  }

  List<PointsLot> lockDuePending(String customerId, Instant now) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM points_lot FORCE INDEX (points_lot_customer) WHERE customer_id = ? AND status = 'PENDING'"
                + " AND available_at <= ? ORDER BY available_at, id FOR UPDATE")
        .params(customerId, SqlTimes.of(now))
        .query(LotRepository::map)
        .list();
  }

  List<PointsLot> lockDueExpiry(String customerId, Instant now) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM points_lot FORCE INDEX (points_lot_customer) WHERE customer_id = ? AND status = 'AVAILABLE'"
                + " AND expires_at <= ? ORDER BY expires_at, id FOR UPDATE")
        .params(customerId, SqlTimes.of(now))
        .query(LotRepository::map)
        .list();
  }

  /** The lots of these customers that still hold points (pending or available), in one read. */
  List<PointsLot> findOpen(Collection<String> customerIds) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM points_lot WHERE customer_id IN (:ids)"
                + " AND ((status = 'AVAILABLE' AND remaining <> 0) OR (status = 'PENDING' AND remaining > 0))"
                + " ORDER BY id")
        .param("ids", customerIds)
        .query(LotRepository::map)
        .list();
  }

  /** Customers with lots to mature or expire, for the maintenance job. */
  List<String> customersWithDueLots(Instant now, int limit) {
    return jdbc.sql(
            "SELECT customer_id FROM points_lot WHERE status = 'PENDING' AND available_at <= :now"
                + " UNION SELECT customer_id FROM points_lot WHERE status = 'AVAILABLE'"
                + " AND expires_at <= :now LIMIT :limit")
        .param("now", SqlTimes.of(now))
        .param("limit", limit)
        .query(String.class)
        .list();
  }

  /**
   * Available points expiring in ({@code from}, {@code to}], summed per customer and expiry
   * instant, in (expiry, customer) order, the order of the expiry index, after the key ({@code
   * afterExpiry}, {@code afterCustomer}) (from the start when {@code afterCustomer} is null). Reads
   * without locks: a warning may name points spent a moment later.
   */
  List<ExpiringPoints> expiring(
      Instant from, Instant to, String afterCustomer, Instant afterExpiry, int limit) {
    return jdbc.sql(
            "SELECT customer_id, expires_at, SUM(remaining) AS points FROM points_lot"
                + " WHERE status = 'AVAILABLE' AND remaining > 0 AND expires_at > :from"
                + " AND expires_at <= :to AND (expires_at > :expiry"
                + " OR (expires_at = :expiry AND customer_id > :customer))"
                + " GROUP BY expires_at, customer_id ORDER BY expires_at, customer_id LIMIT :limit")
        .param("from", SqlTimes.of(from))
        .param("to", SqlTimes.of(to))
        .param("customer", afterCustomer == null ? "" : afterCustomer)
        .param("expiry", SqlTimes.of(afterExpiry == null ? from : afterExpiry))
        .param("limit", limit)
        .query(
            (rs, row) ->
                new ExpiringPoints(
                    rs.getString("customer_id"),
                    SqlTimes.instant(rs, "expires_at"),
                    rs.getLong("points")))
        .list();
  }

  /** Moves every lot of one customer to another (a merge); lots keep their ids and expiry. */
  void reassign(String fromCustomer, String toCustomer) {
    jdbc.sql("UPDATE points_lot SET customer_id = ? WHERE customer_id = ?")
        .params(toCustomer, fromCustomer)
        .update();
  }

  void update(long id, long remaining, long expiredUnreversed, PointsLot.Status status) {
    jdbc.sql("UPDATE points_lot SET remaining = ?, expired_unreversed = ?, status = ? WHERE id = ?")
        .params(remaining, expiredUnreversed, status.name(), id)
        .update();
  }

  private static PointsLot map(ResultSet rs, int row) throws SQLException {
    return new PointsLot(
        rs.getLong("id"),
        rs.getString("customer_id"),
        rs.getString("source_type"),
        rs.getString("source_id"),
        rs.getLong("earned"),
        rs.getLong("remaining"),
        rs.getLong("expired_unreversed"),
        PointsLot.Status.valueOf(rs.getString("status")),
        SqlTimes.instant(rs, "available_at"),
        SqlTimes.instant(rs, "expires_at"));
  }
}
