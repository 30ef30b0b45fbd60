package org.loyaltygraph.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.loyaltygraph.system.MultiRowInsert;
import org.loyaltygraph.system.SqlTimes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OrderRepository {

  private static final String ORDER_COLUMNS =
      "id, customer_id, placed_at, currency, exchange_rate, subtotal, base_subtotal, order_discount,"
          + " shipping, tax, rule_version, points_earned, content_hash, guest_email,"
          + " reward_discount";
  private static final String LINE_COLUMNS =
      "line_no, line_id, sku, category, quantity, unit_price, discount, order_discount, gift_card,"
          + " paid, base_amount, multiplier, points, refunded_quantity, refunded_amount,"
          + " reversed_points";

  private static final MultiRowInsert INSERT_ORDERS =
      MultiRowInsert.into("customer_order", ORDER_COLUMNS + ", recorded_at");
  // a new line has nothing refunded: those three columns take their default, 0, unbound
  private static final MultiRowInsert INSERT_LINES =
      MultiRowInsert.into(
          "order_line",
          "order_id, line_no, line_id, sku, category, quantity, unit_price, discount,"
              + " order_discount, gift_card, paid, base_amount, multiplier, points");

  private final JdbcClient jdbc;
  private final JdbcTemplate jdbcTemplate;

  OrderRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
    this.jdbc = jdbc;
    this.jdbcTemplate = jdbcTemplate;
  }

  Optional<Order> find(String id) {
    return find(id, false);
  }

  /** Reads and locks the order row: refunds of one order run one at a time. */
  Optional<Order> lock(String id) {
    return find(id, true);
  }

  private Optional<Order> find(String id, boolean forUpdate) {
    Optional<Order> header =
        jdbc.sql(
                "SELECT "
                    + ORDER_COLUMNS
                    + " FROM customer_order WHERE id = ?"
                    + (forUpdate ? " FOR UPDATE" : ""))
            .param(id)
            .query((rs, n) -> mapOrder(rs, List.of()))
            .optional();
    return header.map(
        o ->
            new Order(
                o.id(),
                o.customerId(),
                o.placedAt(),
                o.currency(),
                o.exchangeRate(),
                o.subtotal(),
                o.baseSubtotal(),
                o.orderDiscount(),
                o.shipping(),
                o.tax(),
                o.ruleVersion(),
                o.pointsEarned(),
                o.contentHash(),
                lines(id),
                o.guestEmail(),
                o.rewardDiscount()));
  }

  private List<OrderLine> lines(String orderId) {
    return jdbc.sql(
            "SELECT " + LINE_COLUMNS + " FROM order_line WHERE order_id = ? ORDER BY line_no")
        .param(orderId)
        .query(OrderRepository::mapLine)
        .list();
  }

  /**
   * Inserts orders and their lines in two statements; any id stored before fails the first (on the
   * primary key), and nothing is written.
   */
  void insertAll(List<Order> newOrders, Instant now) {
    for (Order o : newOrders) {
      for (OrderLine l : o.lines()) {
        if (l.refundedQuantity() != 0 || l.refundedAmount() != 0 || l.reversedPoints() != 0) {
          throw new IllegalArgumentException("a new order's lines have nothing refunded");
        }
      }
    }
    LocalDateTime recorded = SqlTimes.of(now);
    INSERT_ORDERS.insert(jdbcTemplate, newOrders.stream().map(o -> orderRow(o, recorded)).toList());
    INSERT_LINES.insert(
        jdbcTemplate,
        newOrders.stream().flatMap(o -> o.lines().stream().map(l -> lineRow(o, l))).toList());
  }

  /** Which of these ids are stored orders. */
  Set<String> existing(Collection<String> ids) {
    return new HashSet<>(
        jdbc.sql("SELECT id FROM customer_order WHERE id IN (:ids)")
            .param("ids", ids)
            .query(String.class)
            .list());
  }

  private static Object[] orderRow(Order o, LocalDateTime recorded) {
    return new Object[] {
      o.id(),
      o.customerId(),
      SqlTimes.of(o.placedAt()),
      o.currency(),
      o.exchangeRate(),
      o.subtotal(),
      o.baseSubtotal(),
      o.orderDiscount(),
      o.shipping(),
      o.tax(),
      o.ruleVersion(),
      o.pointsEarned(),
      o.contentHash(),
      o.guestEmail(),
      o.rewardDiscount(),
      recorded
    };
  }

  private static Object[] lineRow(Order o, OrderLine l) {
    return new Object[] {
      o.id(),
      l.lineNo(),
      l.lineId(),
      l.sku(),
      l.category(),
      l.quantity(),
      l.unitPrice(),
      l.discount(),
      l.orderDiscount(),
      l.giftCard(),
      l.paid(),
      l.baseAmount(),
      l.multiplier(),
      l.points()
    };
  }

  /** Credits a guest order to a customer. */
  void link(String orderId, String customerId, Instant at) {
    jdbc.sql(
            "UPDATE customer_order SET customer_id = ?, linked_at = ? WHERE id = ? AND customer_id IS NULL")
        .params(customerId, SqlTimes.of(at), orderId)
        .update();
  }

  /** Moves a customer's orders and refunds to another customer (a merge). */
  void reassign(String fromCustomer, String toCustomer) {
    jdbc.sql("UPDATE customer_order SET customer_id = ? WHERE customer_id = ?")
        .params(toCustomer, fromCustomer)
        .update();
    jdbc.sql("UPDATE order_refund SET customer_id = ? WHERE customer_id = ?")
        .params(toCustomer, fromCustomer)
        .update();
  }

  void updateRefunded(String orderId, OrderLine line) {
    jdbc.sql(
            "UPDATE order_line SET refunded_quantity = ?, refunded_amount = ?, reversed_points = ?"
                + " WHERE order_id = ? AND line_id = ?")
        .params(
            line.refundedQuantity(),
            line.refundedAmount(),
            line.reversedPoints(),
            orderId,
            line.lineId())
        .update();
  }

  private static Order mapOrder(ResultSet rs, List<OrderLine> lines) throws SQLException {
    return new Order(
        rs.getString("id"),
        rs.getString("customer_id"),
        SqlTimes.instant(rs, "placed_at"),
        rs.getString("currency"),
        rs.getBigDecimal("exchange_rate"),
        rs.getLong("subtotal"),
        rs.getLong("base_subtotal"),
        rs.getLong("order_discount"),
        rs.getLong("shipping"),
        rs.getLong("tax"),
        rs.getInt("rule_version"),
        rs.getLong("points_earned"),
        rs.getString("content_hash"),
        lines,
        rs.getString("guest_email"),
        rs.getLong("reward_discount"));
  }

  private static OrderLine mapLine(ResultSet rs, int row) throws SQLException {
    return new OrderLine(
        rs.getInt("line_no"),
        rs.getString("line_id"),
        rs.getString("sku"),
        rs.getString("category"),
        rs.getInt("quantity"),
        rs.getLong("unit_price"),
        rs.getLong("discount"),
        rs.getLong("order_discount"),
        rs.getBoolean("gift_card"),
        rs.getLong("paid"),
        rs.getLong("base_amount"),
        rs.getBigDecimal("multiplier").stripTrailingZeros(),
        rs.getLong("points"),
        rs.getInt("refunded_quantity"),
        rs.getLong("refunded_amount"),
        rs.getLong("reversed_points"));
  }
}
