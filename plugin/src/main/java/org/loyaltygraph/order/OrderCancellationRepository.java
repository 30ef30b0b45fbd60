package org.loyaltygraph.order;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OrderCancellationRepository {

  private final JdbcClient jdbc;

  OrderCancellationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<OrderCancellation> find(String orderId) {
    return jdbc.sql(
            "SELECT order_id, canceled_at, reason, refund_id, content_hash"
                + " FROM order_cancellation WHERE order_id = ?")
        .param(orderId)
        .query(
            (rs, n) ->
                new OrderCancellation(
                    rs.getString(1),
                    rs.getTimestamp(2).toInstant(),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5)))
        .optional();
  }

  void insert(OrderCancellation c, Instant now) {
    jdbc.sql(
            "INSERT INTO order_cancellation (order_id, canceled_at, reason, refund_id,"
                + " content_hash, recorded_at) VALUES (?, ?, ?, ?, ?, ?)")
        .params(
            c.orderId(),
            Timestamp.from(c.canceledAt()),
            c.reason(),
            c.refundId(),
            c.contentHash(),
            Timestamp.from(now))
        .update();
  }
}
