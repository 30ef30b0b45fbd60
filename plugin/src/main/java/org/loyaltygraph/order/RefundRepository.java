package org.loyaltygraph.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RefundRepository {

  private static final String COLUMNS =
      "id, order_id, customer_id, refunded_at, amount, points_reversed, points_canceled,"
          + " points_expired, shortfall, content_hash";

  private final JdbcClient jdbc;

  RefundRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Refund> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM order_refund WHERE id = ?")
        .param(id)
        .query((rs, n) -> map(rs, lines(id)))
        .optional();
  }

  List<Refund> findByOrder(String orderId) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM order_refund WHERE order_id = ? ORDER BY recorded_at, id")
        .param(orderId)
        .query((rs, n) -> map(rs, lines(rs.getString("id"))))
        .list();
  }

  void insert(Refund r, Instant now) {
    jdbc.sql(
            "INSERT INTO order_refund ("
                + COLUMNS
                + ", recorded_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            r.id(),
            r.orderId(),
            r.customerId(),
            Timestamp.from(r.refundedAt()),
            r.amount(),
            r.pointsReversed(),
            r.pointsCanceled(),
            r.pointsExpired(),
            r.shortfall(),
            r.contentHash(),
            Timestamp.from(now))
        .update();
    for (Refund.Line l : r.lines()) {
      jdbc.sql(
              "INSERT INTO order_refund_line (refund_id, line_id, quantity, amount, points)"
                  + " VALUES (?, ?, ?, ?, ?)")
          .params(r.id(), l.lineId(), l.quantity(), l.amount(), l.points())
          .update();
    }
  }

  private List<Refund.Line> lines(String refundId) {
    return jdbc.sql(
            "SELECT line_id, quantity, amount, points FROM order_refund_line WHERE refund_id = ?"
                + " ORDER BY line_id")
        .param(refundId)
        .query(
            (rs, n) -> new Refund.Line(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4)))
        .list();
  }

  private static Refund map(ResultSet rs, List<Refund.Line> lines) throws SQLException {
    return new Refund(
        rs.getString("id"),
        rs.getString("order_id"),
        rs.getString("customer_id"),
        rs.getTimestamp("refunded_at").toInstant(),
        rs.getLong("amount"),
        rs.getLong("points_reversed"),
        rs.getLong("points_canceled"),
        rs.getLong("points_expired"),
        rs.getLong("shortfall"),
        rs.getString("content_hash"),
        lines);
  }
}
