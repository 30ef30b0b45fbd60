package org.loyaltygraph.points;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.loyaltygraph.system.MultiRowInsert;
import org.loyaltygraph.system.SqlTimes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The balance row doubles as the lock that serialises every points change of one customer. */
@Repository
class AccountRepository {

  private static final String COLUMNS = "customer_id, available, pending, lifetime_earned";

  private final JdbcClient jdbc;
  private final JdbcTemplate jdbcTemplate;

  AccountRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
    this.jdbc = jdbc;
    this.jdbcTemplate = jdbcTemplate;
  }

  /** Creates the row if needed and locks it until the transaction ends. */
  PointsAccount lock(String customerId, Instant now) {
    jdbc.sql(
            "INSERT INTO points_account (customer_id, updated_at) VALUES (?, ?)"
                + " ON DUPLICATE KEY UPDATE customer_id = customer_id")
        .params(customerId, SqlTimes.of(now))
        .update();
    return jdbc.sql("SELECT " + COLUMNS + " FROM points_account WHERE customer_id = ? FOR UPDATE")
        .param(customerId)
        .query(
            (rs, n) ->
                new PointsAccount(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
        .single();
  }

  /**
   * Creates the customers' rows where needed and locks them until the transaction ends, in customer
   * order, in one statement.
   */
  void lockAll(Collection<String> customerIds, Instant now) {
    LocalDateTime at = SqlTimes.of(now);
    jdbcTemplate.batchUpdate(
        "INSERT INTO points_account (customer_id, updated_at) VALUES (?, ?)"
            + " ON DUPLICATE KEY UPDATE customer_id = customer_id",
        new TreeSet<>(customerIds).stream().map(id -> new Object[] {id, at}).toList());
  }

  private static final MultiRowInsert ADD_PENDING =
      MultiRowInsert.into("points_account", "customer_id, pending, lifetime_earned, updated_at")
          .onDuplicateKeyUpdate(
              "pending = points_account.pending + new_row.pending,"
                  + " lifetime_earned = points_account.lifetime_earned + new_row.lifetime_earned,"
                  + " updated_at = new_row.updated_at");

  /**
   * Adds newly earned pending points for customers in one statement that also creates their rows
   * where needed and, like {@link #lock}, holds their locks until the transaction ends; rows are
   * written in customer order, so two such statements never wait on each other in a cycle.
   */
  void addPendingAll(Map<String, Long> pointsByCustomer, Instant now) {
    LocalDateTime at = SqlTimes.of(now);
    ADD_PENDING.insert(
        jdbcTemplate,
        new TreeMap<>(pointsByCustomer)
            .entrySet().stream()
                .map(e -> new Object[] {e.getKey(), e.getValue(), e.getValue(), at})
                .toList());
  }

  /**
   * Locks, in customer order, the rows of these customers that no other transaction holds, without
   * waiting for the others; answers the customers it locked. Missing rows are not created.
   */
  Set<String> lockAllUnlessHeld(Collection<String> customerIds) {
    return new HashSet<>(
        jdbc.sql(
                "SELECT customer_id FROM points_account WHERE customer_id IN (:ids)"
                    + " ORDER BY customer_id FOR UPDATE SKIP LOCKED")
            .param("ids", customerIds)
            .query(String.class)
            .list());
  }

  /** The customers of these that have a row, as last committed (a plain read: no lock, no wait). */
  Set<String> existing(Collection<String> customerIds) {
    return new HashSet<>(
        jdbc.sql("SELECT customer_id FROM points_account WHERE customer_id IN (:ids)")
            .param("ids", customerIds)
            .query(String.class)
            .list());
  }

  /** Locks the row unless another transaction holds it (then empty): a lease for jobs. */
  boolean tryLock(String customerId) {
    return !jdbc.sql(
            "SELECT customer_id FROM points_account WHERE customer_id = ? FOR UPDATE SKIP LOCKED")
        .param(customerId)
        .query(String.class)
        .list()
        .isEmpty();
  }

  void add(String customerId, long available, long pending, long lifetimeEarned, Instant now) {
    jdbc.sql(
            "UPDATE points_account SET available = available + ?, pending = pending + ?,"
                + " lifetime_earned = lifetime_earned + ?, updated_at = ? WHERE customer_id = ?")
        .params(available, pending, lifetimeEarned, SqlTimes.of(now), customerId)
        .update();
  }

  Optional<PointsAccount> find(String customerId) {
    return findAll(List.of(customerId)).stream().findFirst();
  }

  List<PointsAccount> findAll(Collection<String> customerIds) {
    if (customerIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("SELECT " + COLUMNS + " FROM points_account WHERE customer_id IN (:ids)")
        .param("ids", customerIds)
        .query(
            (rs, n) ->
                new PointsAccount(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
        .list();
  }
}
