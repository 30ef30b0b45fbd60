package org.loyaltygraph.it;

import com.netflix.graphql.dgs.client.codegen.GraphQLQueryRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.loyaltygraph.schema.client.AdminLoginGraphQLQuery;
import org.loyaltygraph.schema.client.AdminLoginProjectionRoot;
import org.loyaltygraph.schema.client.CustomerUpsertGraphQLQuery;
import org.loyaltygraph.schema.client.CustomerUpsertProjectionRoot;
import org.loyaltygraph.schema.client.OrderRecordGraphQLQuery;
import org.loyaltygraph.schema.client.OrderRecordProjectionRoot;
import org.loyaltygraph.schema.client.TierCreateGraphQLQuery;
import org.loyaltygraph.schema.client.TierCreateProjectionRoot;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.Storefront;
import org.loyaltygraph.testing.TestDatabase;
import tools.jackson.databind.JsonNode;

/**
 * A demo-sized shop for the benchmark, sent through the public API as a storefront would: customers
 * with {@code customerUpsert}, then orders of 1 to 6 lines spread over 18 months with {@code
 * orderRecord}, from several threads. Ids and contents are deterministic, so a second run finds the
 * shop in place (or replays: idempotent) instead of growing it. The documents come from the
 * generated typed client, with the input as the variable {@code $in}.
 */
final class BenchmarkShop {

  static final String CUSTOMER_PREFIX = "bench-c-";
  static final String OWNER_EMAIL = "bench-owner@example.com";
  static final String OWNER_PASSWORD = "bench-owner-password-1";
  private static final String ORDER_PREFIX = "bench-seed-o-";

  /** Orders are placed in the 18 months before this instant, so their contents never change. */
  private static final Instant ANCHOR = Instant.parse("2026-11-01T00:00:00Z");

  private static final GraphQLQueryRequest ADMIN_LOGIN =
      new GraphQLQueryRequest(
          AdminLoginGraphQLQuery.newRequest().inputReference("in").build(),
          new AdminLoginProjectionRoot<>().token());
  private static final GraphQLQueryRequest TIER_CREATE =
      new GraphQLQueryRequest(
          TierCreateGraphQLQuery.newRequest().inputReference("in").build(),
          new TierCreateProjectionRoot<>().userErrors().code().root());
  private static final GraphQLQueryRequest CUSTOMER_UPSERT =
      new GraphQLQueryRequest(
          CustomerUpsertGraphQLQuery.newRequest().inputReference("in").build(),
          new CustomerUpsertProjectionRoot<>().userErrors().code().root());
  private static final GraphQLQueryRequest ORDER_RECORD =
      new GraphQLQueryRequest(
          OrderRecordGraphQLQuery.newRequest().inputReference("in").build(),
          new OrderRecordProjectionRoot<>()
              .order()
              .id()
              .root()
              .userErrors()
              .message()
              .code()
              .root());

  private final TestDatabase db;
  private final GraphQLTestClient client;
  private final java.util.concurrent.atomic.AtomicLong retries =
      new java.util.concurrent.atomic.AtomicLong();

  BenchmarkShop(TestDatabase db, GraphQLTestClient client) {
    this.db = db;
    this.client = client;
  }

  /** Seeds what is missing; answers how long it took (zero when the shop was there). */
  Duration ensure(int customers, int orders, int threads) throws Exception {
    if (count("SELECT COUNT(*) FROM customer WHERE id LIKE '" + CUSTOMER_PREFIX + "%'") >= customers
        && count("SELECT COUNT(*) FROM customer_order WHERE id LIKE '" + ORDER_PREFIX + "%'")
            >= orders) {
      return Duration.ZERO;
    }
    Instant start = Instant.now();
    tiers();
    parallel(customers, threads, this::customer);
    parallel(orders, threads, n -> order(n, customers, ANCHOR));
    return Duration.between(start, Instant.now());
  }

  /** The seeded customers' ids. */
  List<String> customerIds() throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT id FROM customer WHERE id LIKE '" + CUSTOMER_PREFIX + "%' ORDER BY id")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  /**
   * Silver, Gold and Platinum on spend over 12 months, created by the benchmark's OWNER (started
   * with {@code bootstrap-admin-*}); tiers already there are left as they are.
   */
  private void tiers() throws SQLException {
    if (count("SELECT COUNT(*) FROM tier") > 0) {
      return;
    }
    String token =
        client
            .send(
                null,
                ADMIN_LOGIN,
                Map.of("in", Map.of("email", OWNER_EMAIL, "password", OWNER_PASSWORD)))
            .data()
            .at("/adminLogin/token")
            .asString();
    if (token == null || token.isEmpty()) {
      throw new IllegalStateException(
          "The benchmark's OWNER cannot log in (the database already had admins):"
              + " run the benchmark on a database of its own.");
    }
    Object[][] tiers = {
      {"silver", "Silver", 20_000L, "1.25"},
      {"gold", "Gold", 100_000L, "1.5"},
      {"platinum", "Platinum", 300_000L, "2"}
    };
    for (Object[] tier : tiers) {
      JsonNode payload =
          client
              .send(
                  "Bearer " + token,
                  TIER_CREATE,
                  Map.of(
                      "in",
                      Map.of(
                          "id",
                          tier[0],
                          "name",
                          tier[1],
                          "threshold",
                          tier[2],
                          "pointsMultiplier",
                          tier[3])))
              .assertNoErrors()
              .data()
              .path("tierCreate");
      check(payload, (String) tier[0]);
    }
  }

  private void customer(int n) {
    String id = customerId(n);
    JsonNode payload =
        client
            .storefront(
                CUSTOMER_UPSERT,
                Map.of("in", Map.of("id", id, "email", id + "@example.com", "firstName", "Bench")))
            .assertNoErrors()
            .data()
            .path("customerUpsert");
    check(payload, id);
  }

  /** Order n: a skewed choice of customer (some buy often), a time in the last 18 months. */
  private void order(int n, int customers, Instant now) {
    Random random = new Random(n);
    double u = random.nextDouble();
    String customer = customerId((int) (customers * u * u));
    Instant placed = now.minusSeconds(random.nextLong(548L * 24 * 3600)).minusSeconds(3600);
    List<Map<String, Object>> lines = new ArrayList<>();
    int count = 1 + random.nextInt(6);
    for (int i = 1; i <= count; i++) {
      lines.add(
          Storefront.line(
              Integer.toString(i),
              "SKU-" + (1 + random.nextInt(500)),
              "cat-" + (1 + random.nextInt(12)),
              1 + random.nextInt(3),
              199 + random.nextInt(9_800)));
    }
    Map<String, Object> order =
        new HashMap<>(Storefront.order(ORDER_PREFIX + n, customer, placed, "USD", lines));
    // a storefront retries a failed call (orderRecord is idempotent on the order id); concurrent
    // back-dated orders can meet a deadlock on the server (see the README's benchmark notes)
    for (int attempt = 1; ; attempt++) {
      GraphQLTestClient.Response response = client.storefront(ORDER_RECORD, Map.of("in", order));
      if (response.errors().isEmpty() || attempt == 5) {
        check(response.assertNoErrors().data().path("orderRecord"), ORDER_PREFIX + n);
        retries.addAndGet(attempt - 1);
        return;
      }
    }
  }

  /** Calls the seeding had to repeat after an error. */
  long retries() {
    return retries.get();
  }

  private static String customerId(int n) {
    return CUSTOMER_PREFIX + String.format("%05d", n);
  }

  private static void check(JsonNode payload, String id) {
    if (!payload.path("userErrors").isEmpty()) {
      throw new IllegalStateException("seeding " + id + " refused: " + payload);
    }
  }

  private static void parallel(int count, int threads, java.util.function.IntConsumer task)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> chunks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        chunks.add(
            pool.submit(
                () -> {
                  for (int n = first; n < count; n += threads) {
                    task.accept(n);
                  }
                }));
      }
      for (Future<?> chunk : chunks) {
        chunk.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private long count(String sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(db.url(), db.user(), db.password());
  }
}
