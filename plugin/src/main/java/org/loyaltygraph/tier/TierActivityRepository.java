package org.loyaltygraph.tier;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.loyaltygraph.system.MultiRowInsert;
import org.loyaltygraph.system.SqlTimes;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The append-only qualifying activity: orders and refunds as they count for tiers. */
@Repository
class TierActivityRepository {

  private final JdbcClient jdbc;
  private final JdbcTemplate jdbcTemplate;

  TierActivityRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
    this.jdbc = jdbc;
    this.jdbcTemplate = jdbcTemplate;
  }

  /** Moves a customer's activity to another; answers how many rows moved. */
  int reassign(String fromCustomer, String toCustomer) {
    return jdbc.sql("UPDATE tier_activity SET customer_id = ? WHERE customer_id = ?")
        .params(toCustomer, fromCustomer)
        .update();
  }

  /** A row for {@link #insertAll}. */
  record NewActivity(
      String customerId, String sourceId, Instant occurredAt, long spendDelta, long pointsDelta) {}

  private static final MultiRowInsert INSERT_ACTIVITY =
      MultiRowInsert.into(
          "tier_activity",
          "customer_id, source_id, occurred_at, spend_delta, points_delta, recorded_at");

  /** Appends rows of new sources in one statement; a source recorded before fails it. */
  void insertAll(List<NewActivity> rows, Instant now) {
    LocalDateTime recorded = SqlTimes.of(now);
    INSERT_ACTIVITY.insert(
        jdbcTemplate,
        rows.stream()
            .map(
                r ->
                    new Object[] {
                      r.customerId(),
                      r.sourceId(),
                      SqlTimes.of(r.occurredAt()),
                      r.spendDelta(),
                      r.pointsDelta(),
                      recorded
                    })
            .toList());
  }

  /** Whether the customer has activity stamped at or after {@code from}. */
  boolean anyFrom(String customerId, Instant from) {
    return jdbc.sql(
            "SELECT 1 FROM tier_activity WHERE customer_id = ? AND occurred_at >= ? LIMIT 1")
        .params(customerId, SqlTimes.of(from))
        .query(Integer.class)
        .optional()
        .isPresent();
  }

  /**
   * Appends a row, or answers false when its source was recorded before: the unique source id
   * refuses the row, and only that statement is undone (the transaction goes on).
   */
  boolean recordIfNew(
      String customerId,
      String sourceId,
      Instant occurredAt,
      long spendDelta,
      long pointsDelta,
      Instant now) {
    try {
      jdbc.sql(
              "INSERT INTO tier_activity (customer_id, source_id, occurred_at, spend_delta,"
                  + " points_delta, recorded_at) VALUES (?, ?, ?, ?, ?, ?)")
          .params(
              customerId,
              sourceId,
              SqlTimes.of(occurredAt),
              spendDelta,
              pointsDelta,
              SqlTimes.of(now))
          .update();
    } catch (DuplicateKeyException recordedBefore) {
      return false;
    }
    return true;
  }

  /** The activity of several customers in the program's window at {@code now}, oldest first. */
  Map<String, List<QualifyingActivity>> inWindow(
      Collection<String> customerIds, TierProgram program, Instant now) {
    Map<String, List<QualifyingActivity>> byCustomer = new HashMap<>();
    if (customerIds.isEmpty()) {
      return byCustomer;
    }
    inWindow(
            "SELECT customer_id, occurred_at, spend_delta, points_delta FROM tier_activity",
            " ORDER BY customer_id, occurred_at",
            customerIds,
            program,
            now)
        .query(
            (RowCallbackHandler)
                rs ->
                    byCustomer
                        .computeIfAbsent(rs.getString("customer_id"), id -> new ArrayList<>())
                        .add(map(rs)));
    return byCustomer;
  }

  /**
   * The windows of several customers at {@code now}, summed by the database, for evaluations (which
   * hold the customers' state rows): a locking read, so the rows are as last committed whatever the
   * isolation level. Customers without activity in the window are missing.
   */
  Map<String, QualifyingWindow> lockWindows(
      Collection<String> customerIds, TierProgram program, Instant now) {
    return windows(customerIds, program, now, " GROUP BY customer_id FOR UPDATE");
  }

  /**
   * {@link #lockWindows} without locking, for a transaction at READ COMMITTED that holds the
   * customers' state rows: orders and refunds add to a customer's activity only under its state
   * row, and a merge moves a merged customer's rows away in the transaction that deletes its state
   * row, which waits for this one; so each statement here reads all there is. A locking read would
   * also lock the index entry just past each customer's rows, which is another customer's, and
   * instances evaluating their own customers side by side would deadlock on each other's
   * neighbours.
   */
  Map<String, QualifyingWindow> committedWindows(
      Collection<String> customerIds, TierProgram program, Instant now) {
    return windows(customerIds, program, now, " GROUP BY customer_id");
  }

  private Map<String, QualifyingWindow> windows(
      Collection<String> customerIds, TierProgram program, Instant now, String groupBy) {
    Map<String, QualifyingWindow> windows = new HashMap<>();
    if (customerIds.isEmpty()) {
      return windows;
    }
    inWindow(
            "SELECT customer_id, SUM(spend_delta) AS spend, SUM(points_delta) AS points,"
                + " MIN(occurred_at) AS oldest FROM tier_activity",
            groupBy,
            customerIds,
            program,
            now)
        .query(
            (RowCallbackHandler)
                rs ->
                    windows.put(
                        rs.getString("customer_id"),
                        QualifyingWindow.of(
                            rs.getLong("spend"),
                            rs.getLong("points"),
                            SqlTimes.instant(rs, "oldest"),
                            program)));
    return windows;
  }

  /**
   * For each customer, the amount of its activity in the window at {@code now} from a time on (the
   * part of the window that still counts at the next evaluation), summed by the database. Customers
   * without such activity are missing.
   */
  Map<String, Long> amountsFrom(Map<String, Instant> from, TierProgram program, Instant now) {
    Map<String, Long> amounts = new HashMap<>();
    if (from.isEmpty()) {
      return amounts;
    }
    Instant start = program.windowStart(now);
    Instant end = program.windowEnd(now);
    List<String> ranges = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    from.forEach(
        (customerId, at) -> {
          ranges.add("(customer_id = ? AND occurred_at >= ?)");
          params.add(customerId);
          params.add(SqlTimes.of(at.isAfter(start) ? at : start));
        });
    if (end != null) {
      params.add(SqlTimes.of(end));
    }
    jdbc.sql(
            "SELECT customer_id, SUM(spend_delta) AS spend, SUM(points_delta) AS points"
                + " FROM tier_activity WHERE ("
                + String.join(" OR ", ranges)
                + ")"
                + (end == null ? "" : " AND occurred_at < ?")
                + " GROUP BY customer_id")
        .params(params)
        .query(
            (RowCallbackHandler)
                rs ->
                    amounts.put(
                        rs.getString("customer_id"),
                        program.basis().of(rs.getLong("spend"), rs.getLong("points"))));
    return amounts;
  }

  /** {@code select} over the customers' rows in the program's window at {@code now}. */
  private JdbcClient.StatementSpec inWindow(
      String select,
      String rest,
      Collection<String> customerIds,
      TierProgram program,
      Instant now) {
    Instant end = program.windowEnd(now);
    return jdbc.sql(
            select
                + " WHERE customer_id IN (:ids) AND occurred_at >= :start"
                + (end == null ? "" : " AND occurred_at < :end")
                + rest)
        .param("ids", customerIds)
        .param("start", SqlTimes.of(program.windowStart(now)))
        .param("end", SqlTimes.of(end));
  }

  private static QualifyingActivity map(ResultSet rs) throws SQLException {
    return new QualifyingActivity(
        SqlTimes.instant(rs, "occurred_at"), rs.getLong("spend_delta"), rs.getLong("points_delta"));
  }
}
