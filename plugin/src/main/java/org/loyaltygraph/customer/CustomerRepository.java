package org.loyaltygraph.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.loyaltygraph.graphql.StorefrontUpdatedAt;
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
   * One read for "does this id exist, and did it merge into another?": empty for an unknown id,
   * else the id itself or the survivor it was merged into (empty string when not merged).
   */
  Optional<String> mergedIntoOrSelf(String id) {
    return jdbc.sql("SELECT COALESCE(merged_into, '') FROM customer WHERE id = ?")
        .param(id)
        .query(String.class)
        .optional();
  }

  /** {@link #mergedIntoOrSelf} of several ids in one read; unknown ids are absent. */
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
        .params(survivorId, Timestamp.from(at), mergedId)
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
            Timestamp.from(c.createdAt()),
            Timestamp.from(c.updatedAt()),
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
            Timestamp.from(c.updatedAt()),
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
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant(),
        instant(rs.getTimestamp("storefront_updated_at")));
  }

  private static Instant instant(Timestamp at) {
    return at == null ? null : at.toInstant();
  }
}
