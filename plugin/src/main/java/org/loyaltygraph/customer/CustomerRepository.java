package org.loyaltygraph.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loyaltygraph.graphql.StorefrontUpdatedAt;
import org.loyaltygraph.system.SqlTimes;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CustomerRepository {

  private static final String COLUMNS =
      "id, email, first_name, last_name, time_zone, created_at, updated_at, storefront_updated_at";

  private final JdbcClient jdbc;

  CustomerRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Customer> findById(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE id = ?")
        .param(id)
        .query(CustomerRepository::map)
        .optional();
  }

  List<Customer> findAllById(Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE id IN (:ids)")
        .param("ids", ids)
        .query(CustomerRepository::map)
        .list();
  }

  /**
   * A known customer's id as stored, and the customer it was merged into (null when not merged).
   * The stored id may be spelled unlike the one asked for: ids compare with trailing spaces ignored
   * (utf8mb4_bin pads with spaces), so "c-1 " finds "c-1".
   */
  record Known(String id, String mergedInto) {}

  /** One read for "does this id exist, and did it merge into another?": empty for an unknown id. */
  Optional<Known> known(String id) {
    return jdbc.sql("SELECT id, merged_into FROM customer WHERE id = ?")
        .param(id)
        .query((rs, row) -> new Known(rs.getString(1), rs.getString(2)))
        .optional();
  }

  /**
   * Several ids in one read: each stored id, and the survivor it was merged into or an empty
   * string; unknown ids are absent.
   */
  Map<String, String> mergedIntoOrSelfAll(Collection<String> ids) {
    Map<String, String> found = new HashMap<>();
    jdbc.sql("SELECT id, COALESCE(merged_into, '') FROM customer WHERE id IN (:ids)")
        .param("ids", ids)
        .query((RowCallbackHandler) rs -> found.put(rs.getString(1), rs.getString(2)));
    return found;
  }

  /** The customer this id was merged into, if it was. */
  Optional<String> mergedInto(String id) {
    return jdbc.sql("SELECT merged_into FROM customer WHERE id = ? AND merged_into IS NOT NULL")
        .param(id)
        .query(String.class)
        .optional();
  }

  /** Locks both rows, in id order so that two merges of the same pair cannot deadlock. */
  java.util.Map<String, String> lockForMerge(String a, String b) {
    java.util.Map<String, String> mergedInto = new java.util.HashMap<>();
    jdbc.sql("SELECT id, merged_into FROM customer WHERE id IN (:ids) ORDER BY id FOR UPDATE")
        .param("ids", java.util.List.of(a, b))
        .query(
            (rs, n) -> {
              mergedInto.put(rs.getString(1), rs.getString(2) == null ? "" : rs.getString(2));
              return null;
            })
        .list();
    return mergedInto;
  }

  void markMerged(String mergedId, String survivorId, java.time.Instant at) {
    jdbc.sql("UPDATE customer SET merged_into = ?, merged_at = ? WHERE id = ?")
        .params(survivorId, SqlTimes.of(at), mergedId)
        .update();
  }

  /**
   * Locks the customer's row until the transaction ends, inserting {@code c} first when the id is
   * new: an existing row is left as it is. Concurrent upserts of one id then run one after the
   * other, whether the row existed or not.
   */
  void insertOrLock(Customer c) {
    jdbc.sql(
            "INSERT INTO customer ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                // the duplicate's exclusive lock is the point; id = id changes nothing
                + " ON DUPLICATE KEY UPDATE id = id")
        .params(
            c.id(),
            c.email(),
            c.firstName(),
            c.lastName(),
            c.timeZone(),
            SqlTimes.of(c.createdAt()),
            SqlTimes.of(c.updatedAt()),
            StorefrontUpdatedAt.toDatetime6(c.storefrontUpdatedAt()))
        .update();
  }

  /** The row as committed last, read under its lock, whatever the isolation level. */
  Optional<Customer> findForUpdate(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE id = ? FOR UPDATE")
        .param(id)
        .query(CustomerRepository::map)
        .optional();
  }

  /** Writes the profile and times of a locked row; {@code created_at} keeps its first value. */
  void update(Customer c) {
    jdbc.sql(
            "UPDATE customer SET email = ?, first_name = ?, last_name = ?, time_zone = ?,"
                + " updated_at = ?, storefront_updated_at = ? WHERE id = ?")
        .params(
            c.email(),
            c.firstName(),
            c.lastName(),
            c.timeZone(),
            SqlTimes.of(c.updatedAt()),
            StorefrontUpdatedAt.toDatetime6(c.storefrontUpdatedAt()),
            c.id())
        .update();
  }

  private static Customer map(ResultSet rs, int row) throws SQLException {
    return new Customer(
        rs.getString("id"),
        rs.getString("email"),
        rs.getString("first_name"),
        rs.getString("last_name"),
        rs.getString("time_zone"),
        SqlTimes.instant(rs, "created_at"),
        SqlTimes.instant(rs, "updated_at"),
        SqlTimes.instant(rs, "storefront_updated_at"));
  }
}
