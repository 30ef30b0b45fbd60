package org.loyaltygraph.points;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DiscountCodeRepository {

  private static final String COLUMNS =
      "code, customer_id, reward_id, status, issued_at, consumed_at, consumed_order_id";

  private final JdbcClient jdbc;

  DiscountCodeRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** False when the code exists already (the caller draws another). */
  boolean insert(
      String code, String customerId, String redemptionId, String rewardId, Instant now) {
    return jdbc.sql(
                "INSERT IGNORE INTO discount_code (code, customer_id, redemption_id, reward_id,"
                    + " status, issued_at) VALUES (?, ?, ?, ?, 'ISSUED', ?)")
            .params(code, customerId, redemptionId, rewardId, Timestamp.from(now))
            .update()
        == 1;
  }

  /**
   * Locks the order's row (creating it) until the transaction ends, so the codes of one order are
   * consumed one at a time and each sees the ones before it.
   */
  void lockOrder(String orderId, Instant now) {
    jdbc.sql(
            "INSERT INTO discount_code_order (order_id, created_at) VALUES (?, ?)"
                + " ON DUPLICATE KEY UPDATE order_id = order_id")
        .params(orderId, Timestamp.from(now))
        .update();
  }

  /** Codes consumed on an order, locked: the order is being refunded in full. */
  List<DiscountCode> lockConsumedOn(String orderId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM discount_code WHERE consumed_order_id = ? AND status = 'CONSUMED' FOR UPDATE")
        .param(orderId)
        .query(DiscountCodeRepository::map)
        .list();
  }

  /** The once-only step of a restoration: only one caller can move the code out of CONSUMED. */
  boolean release(String code, String orderId, DiscountCode.Status to) {
    String sql =
        to == DiscountCode.Status.ISSUED
            ? "UPDATE discount_code SET status = 'ISSUED', consumed_at = NULL, consumed_order_id = NULL"
                + " WHERE code = ? AND status = 'CONSUMED' AND consumed_order_id = ?"
            : "UPDATE discount_code SET status = 'RESTORED'"
                + " WHERE code = ? AND status = 'CONSUMED' AND consumed_order_id = ?";
    return jdbc.sql(sql).params(code, orderId).update() == 1;
  }

  /** Moves a customer's codes to another customer (a merge). */
  void reassign(String fromCustomer, String toCustomer) {
    jdbc.sql("UPDATE discount_code SET customer_id = ? WHERE customer_id = ?")
        .params(toCustomer, fromCustomer)
        .update();
  }

  /** The single-use guarantee: one conditional update, which only one caller can win. */
  boolean consume(String code, String orderId, Instant now) {
    return jdbc.sql(
                "UPDATE discount_code SET status = 'CONSUMED', consumed_at = ?, consumed_order_id = ?"
                    + " WHERE code = ? AND status = 'ISSUED'")
            .params(Timestamp.from(now), orderId, code)
            .update()
        == 1;
  }

  /** The code, locked until the transaction ends, as last committed. */
  Optional<DiscountCode> lock(String code) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM discount_code WHERE code = ? FOR UPDATE")
        .param(code)
        .query(DiscountCodeRepository::map)
        .optional();
  }

  Optional<DiscountCode> find(String code) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM discount_code WHERE code = ?")
        .param(code)
        .query(DiscountCodeRepository::map)
        .optional();
  }

  private static DiscountCode map(ResultSet rs, int row) throws SQLException {
    Timestamp consumed = rs.getTimestamp("consumed_at");
    return new DiscountCode(
        rs.getString("code"),
        rs.getString("customer_id"),
        rs.getString("reward_id"),
        DiscountCode.Status.valueOf(rs.getString("status")),
        rs.getTimestamp("issued_at").toInstant(),
        consumed == null ? null : consumed.toInstant(),
        rs.getString("consumed_order_id"));
  }
}
