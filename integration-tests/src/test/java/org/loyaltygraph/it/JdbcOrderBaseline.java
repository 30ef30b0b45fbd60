package org.loyaltygraph.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.loyaltygraph.testing.TestDatabase;

/**
 * The ingestion baseline: plain JDBC writing the rows {@code orderRecord} writes for an order (the
 * order row and its line rows, same columns, the lines batched) in one transaction per order, from
 * as many threads as wrk has connections, into copies of the real tables ({@code CREATE TABLE ...
 * LIKE}: same columns and indexes) in the same database, dropped afterwards.
 */
final class JdbcOrderBaseline implements AutoCloseable {

  private static final String ORDER_SQL =
      "INSERT INTO bench_customer_order (id, customer_id, placed_at, currency, exchange_rate,"
          + " subtotal, base_subtotal, order_discount, shipping, tax, rule_version, points_earned,"
          + " content_hash, guest_email, recorded_at)"
          + " VALUES (?, ?, ?, 'USD', NULL, ?, ?, 0, 0, 0, 1, ?, ?, NULL, ?)";
  private static final String LINE_SQL =
      "INSERT INTO bench_order_line (order_id, line_no, line_id, sku, category, quantity,"
          + " unit_price, discount, order_discount, gift_card, paid, base_amount, multiplier, points,"
          + " refunded_quantity, refunded_amount, reversed_points)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, FALSE, ?, ?, 1.0000, ?, 0, 0, 0)";
  private static final String HASH = "0".repeat(64);

  private final TestDatabase db;
  private final List<String> customers;
  private final int linesPerOrder;
  private long lastWritten;

  JdbcOrderBaseline(TestDatabase db, List<String> customers, int linesPerOrder)
      throws SQLException {
    this.db = db;
    this.customers = customers;
    this.linesPerOrder = linesPerOrder;
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS bench_customer_order, bench_order_line");
      s.execute("CREATE TABLE bench_customer_order LIKE customer_order");
      s.execute("CREATE TABLE bench_order_line LIKE order_line");
    }
  }

  /** Orders per second from {@code threads} threads over {@code seconds}. */
  double run(String prefix, int threads, int seconds) throws Exception {
    AtomicLong written = new AtomicLong();
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> workers = new ArrayList<>();
      long start = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        String threadPrefix = prefix + "-" + t + "-";
        workers.add(pool.submit(() -> write(threadPrefix, deadline, written)));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
      lastWritten = written.get();
      return written.get() * 1e9 / (System.nanoTime() - start);
    } finally {
      pool.shutdownNow();
    }
  }

  /** The orders the last {@link #run} committed. */
  long lastWritten() {
    return lastWritten;
  }

  private Void write(String prefix, long deadline, AtomicLong written) throws SQLException {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    try (Connection c = connect();
        PreparedStatement order = c.prepareStatement(ORDER_SQL);
        PreparedStatement line = c.prepareStatement(LINE_SQL)) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      for (long n = 0; System.nanoTime() < deadline; n++) {
        String id = prefix + n;
        Timestamp now = Timestamp.from(Instant.now());
        long subtotal = 0;
        for (int i = 1; i <= linesPerOrder; i++) {
          int quantity = random.nextInt(1, 4);
          long paid = quantity * random.nextLong(199, 10_000);
          subtotal += paid;
          line.setString(1, id);
          line.setInt(2, i - 1);
          line.setString(3, Integer.toString(i));
          line.setString(4, "SKU-" + random.nextInt(1, 501));
          line.setString(5, "cat-" + random.nextInt(1, 13));
          line.setInt(6, quantity);
          line.setLong(7, paid / quantity);
          line.setLong(8, paid);
          line.setLong(9, paid);
          line.setLong(10, paid / 100);
          line.addBatch();
        }
        order.setString(1, id);
        order.setString(2, customers.get(random.nextInt(customers.size())));
        order.setTimestamp(3, now);
        order.setLong(4, subtotal);
        order.setLong(5, subtotal);
        order.setLong(6, subtotal / 100);
        order.setString(7, HASH);
        order.setTimestamp(8, now);
        order.executeUpdate();
        line.executeBatch();
        c.commit();
        written.incrementAndGet();
      }
    }
    return null;
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(db.url(), db.user(), db.password());
  }

  @Override
  public void close() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS bench_customer_order, bench_order_line");
    }
  }
}
