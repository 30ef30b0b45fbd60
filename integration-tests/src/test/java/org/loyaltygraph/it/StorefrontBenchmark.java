package org.loyaltygraph.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.graphql.dgs.client.codegen.GraphQLQueryRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.schema.client.CustomerGraphQLQuery;
import org.loyaltygraph.schema.client.CustomerProjectionRoot;
import org.loyaltygraph.schema.client.ServiceVersionGraphQLQuery;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark (not a test: only the {@code benchmark} Maven profile runs it; see the README).
 * Starts the packaged jar with the benchmark-only baseline endpoint, loads a demo-sized shop, then
 * measures with wrk, interleaving baseline and GraphQL rounds after a warm-up: (a) the storefront
 * read against a plain Spring MVC endpoint answering the same JSON from the same cache, with
 * GraphQL variants that isolate the layers, and a JFR profile of the GraphQL read; (b) {@code
 * orderRecord} over HTTP against plain JDBC inserts of the same rows at the same concurrency.
 * Writes {@code target/benchmark-results.md}.
 */
class StorefrontBenchmark {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String AUTH = "Bearer " + GraphQLTestClient.STOREFRONT_KEY;
  private static final String READ_WITH_TIER = storefrontRead(true);
  private static final String READ_POINTS = storefrontRead(false);
  // the read's baseline, as its rows of the report name it
  private static final String READ_BASELINE = "baseline: plain Spring MVC endpoint";
  private static final String ORDER_RECORD = "GraphQL `orderRecord` over HTTP";
  private static final String SERVICE_VERSION =
      new GraphQLQueryRequest(new ServiceVersionGraphQLQuery()).serializeCompact();

  // long enough for the JIT: orderRecord ran at half its steady rate after 24 s
  private final int warmup = Integer.getInteger("benchmark.warmup", 60);
  // after the warm-up, rounds of more load until the JIT compiler uses under 5 % of the time
  private final int settleRounds = Integer.getInteger("benchmark.settle-rounds", 30);
  private final int seconds = Integer.getInteger("benchmark.seconds", 8);
  // five, so that one round disturbed by the machine's other work does not move the median
  private final int rounds = Integer.getInteger("benchmark.rounds", 5);
  private final int readConnections = Integer.getInteger("benchmark.read-connections", 8);
  private final int orderConnections = Integer.getInteger("benchmark.order-connections", 16);
  // orderRecord and its baseline again at this concurrency, enough to keep the cores busy: at 16
  // connections the service waits on the database with a fifth of the CPU idle
  private final int saturatingConnections =
      Integer.getInteger("benchmark.saturating-connections", 64);
  private final int linesPerOrder = Integer.getInteger("benchmark.lines-per-order", 4);
  // the service's webhook delivery loops (loyaltygraph.events.delivery-concurrency)
  private final int deliveryConcurrency = Integer.getInteger("benchmark.delivery-concurrency", 1);
  // how long the webhook receiver takes to answer each delivery (0: at once)
  private final int receiverDelayMillis = Integer.getInteger("benchmark.receiver-delay-ms", 0);
  private final int customers = Integer.getInteger("benchmark.customers", 2_000);
  private final int orders = Integer.getInteger("benchmark.orders", 20_000);
  // which parts to measure: "read", "orders" or both (the default)
  private final String parts = System.getProperty("benchmark.parts", "read,orders");
  private final Path work = Path.of("target", "benchmark");
  private final StringBuilder report = new StringBuilder();

  @Test
  void storefrontReadAndOrderIngestion() throws Exception {
    Wrk wrk = Wrk.prepare(work);
    TestDatabase db = TestDatabase.get();
    boolean seeded = demoCustomerIds(db).size() >= customers;
    Instant starting = Instant.now();
    // the demo shop, seeded by the service itself into an empty database (readiness waits for it)
    PackagedPlugin plugin =
        PackagedPlugin.startWith(
            List.of("-XX:+FlightRecorder"),
            Stream.concat(
                    Stream.of(
                        "--loyaltygraph.benchmark.baseline-endpoint=true",
                        "--loyaltygraph.demo.seed=true",
                        "--loyaltygraph.demo.customers=" + customers,
                        "--loyaltygraph.demo.orders=" + orders,
                        "--loyaltygraph.events.delivery-concurrency=" + deliveryConcurrency),
                    WebhookSink.pluginArguments().stream())
                .toList(),
            work.resolve("plugin.log"),
            Duration.ofMinutes(30));
    try {
      Duration seeding = seeded ? Duration.ZERO : Duration.between(starting, Instant.now());
      List<String> ids = demoCustomerIds(db);
      Path idsFile = work.resolve("customers.txt");
      Files.write(idsFile, ids);
      header(db, seeding, ids.size());
      storage(db);
      if (parts.contains("read")) {
        reads(wrk, plugin, idsFile, ids);
      }
      if (parts.contains("orders")) {
        ingestion(wrk, plugin, db, idsFile, ids);
      }
    } finally {
      plugin.stop();
      Path results = Path.of("target", "benchmark-results.md");
      Files.writeString(results, report);
      System.out.println("\n" + report + "\nWritten to " + results.toAbsolutePath());
    }
  }

  /** The demo shop's customers, in id order; none before the service's first start. */
  private static List<String> demoCustomerIds(TestDatabase db) throws SQLException {
    List<String> ids = new ArrayList<>();
    if (Long.parseLong(
            scalar(
                db,
                "SELECT COUNT(*) FROM information_schema.tables"
                    + " WHERE table_schema = DATABASE() AND table_name = 'customer'"))
        == 0) {
      return ids;
    }
    try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT id FROM customer WHERE id LIKE 'demo-c-%' ORDER BY id")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  private void header(TestDatabase db, Duration seeding, int customerCount) throws SQLException {
    report
        .append("# Benchmark results\n\n")
        .append(
            String.format(
                "%s, %d cores shared by the service, the database and the load generator; %s;"
                    + " JDK %s. The demo shop: %d customers, %d orders (seeded %s by the"
                    + " service's demo seeder, through its services).%n%n",
                LocalDate.now(),
                Runtime.getRuntime().availableProcessors(),
                scalar(db, "SELECT CONCAT('database ', VERSION())"),
                System.getProperty("java.version"),
                customerCount,
                Long.parseLong(scalar(db, "SELECT COUNT(*) FROM customer_order")),
                seeding.isZero() ? "before" : "in " + seeding.toSeconds() + " s"));
  }

  // --- (a) the storefront read ---------------------------------------------------------------

  private void reads(Wrk wrk, PackagedPlugin plugin, Path idsFile, List<String> ids)
      throws Exception {
    GraphQLTestClient client = plugin.client();
    boolean tierResolves =
        client.storefront(READ_WITH_TIER, Map.of("id", ids.get(0))).errors().isEmpty()
            && !client
                .storefront(READ_WITH_TIER, Map.of("id", ids.get(0)))
                .data()
                .path("customer")
                .isNull();
    String read = tierResolves ? READ_WITH_TIER : READ_POINTS;
    sameAnswers(client, plugin.baseUrl(), read, ids);

    Map<String, List<String>> variants = new LinkedHashMap<>();
    variants.put(READ_BASELINE, List.of("/benchmark/loyalty-summary", idBody()));
    variants.put("GraphQL: the storefront read", List.of("/graphql", graphQLBody(read)));
    if (tierResolves) {
      variants.put("GraphQL: without the tier", List.of("/graphql", graphQLBody(READ_POINTS)));
    }
    variants.put(
        "GraphQL: `{ serviceVersion }` (no data)",
        List.of("/graphql", graphQLBody(SERVICE_VERSION)));

    int perVariant = Math.max(1, warmup / variants.size());
    for (List<String> target : variants.values()) {
      readRun(wrk, plugin, idsFile, target, perVariant);
    }
    String readSettled =
        settle(
            plugin,
            () -> variants.values().forEach(target -> readRun(wrk, plugin, idsFile, target, 3)));
    Map<String, List<Wrk.Result>> results = new LinkedHashMap<>();
    // CPU milliseconds of each variant's rounds: [service, database server]
    Map<String, long[]> cpuMillis = new LinkedHashMap<>();
    OptionalLong dbPid = ProcessCpu.databaseServerPid();
    for (int round = 0; round < rounds; round++) {
      for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
        long[] before = cpu(plugin.pid(), dbPid);
        Wrk.Result result = readRun(wrk, plugin, idsFile, variant.getValue(), seconds);
        long[] after = cpu(plugin.pid(), dbPid);
        results.computeIfAbsent(variant.getKey(), k -> new ArrayList<>()).add(result);
        long[] sum = cpuMillis.computeIfAbsent(variant.getKey(), k -> new long[2]);
        for (int i = 0; i < 2; i++) {
          sum[i] += after[i] - before[i];
        }
      }
    }
    report.append("## (a) Storefront read\n\n");
    report.append(
        "`"
            + read
            + "` for a random customer of the shop, wrk -t1 -c"
            + readConnections
            + ", "
            + seconds
            + " s per round after a "
            + warmup
            + " s warm-up, rounds interleaved; "
            + readSettled
            + ".\n");
    if (!tierResolves) {
      report.append(
          "The tier part (`tier { name }`) does not resolve on this build yet, so the read"
              + " is measured without it.\n");
    }
    report.append("\n");
    table(results, "requests/s", READ_BASELINE);
    readCpu(results, cpuMillis, dbPid);

    Path jfr = work.resolve("graphql-read.jfr").toAbsolutePath();
    profile(plugin, jfr, () -> readRun(wrk, plugin, idsFile, variants.get(graphQLKey()), 15));
    profileReport("GraphQL storefront read", JfrProfile.of(jfr));
  }

  /**
   * CPU per request of each read variant over its measured rounds: less disturbed than requests per
   * second by whatever else the machine runs, since time spent waiting for a core is not counted.
   */
  private void readCpu(
      Map<String, List<Wrk.Result>> results, Map<String, long[]> cpuMillis, OptionalLong dbPid) {
    double baseline = microsPerRequest(results.get(READ_BASELINE), cpuMillis.get(READ_BASELINE)[0]);
    report.append(
        String.format(
            "%nCPU per request over the measured rounds (from /proc; %s), and the baseline's"
                + " service CPU per request as a share of each variant's (the requests a core"
                + " serves, relative to the baseline):%n%n"
                + "| measurement | service µs/request | database µs/request | baseline ÷ this |%n"
                + "|---|---:|---:|---:|%n",
            dbPid.isPresent()
                ? "database server pid " + dbPid.getAsLong()
                : "no local database server"));
    results.forEach(
        (name, runs) -> {
          double service = microsPerRequest(runs, cpuMillis.get(name)[0]);
          report.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %.0f | %.0f | %.2f |%n",
                  name,
                  service,
                  microsPerRequest(runs, cpuMillis.get(name)[1]),
                  baseline / service));
        });
  }

  private static double microsPerRequest(List<Wrk.Result> runs, long cpuMillis) {
    long requests = runs.stream().mapToLong(Wrk.Result::requests).sum();
    return 1000.0 * cpuMillis / Math.max(1, requests);
  }

  /**
   * Runs {@code round} (about 10 s of load) until the JIT compiler spent under 5 % of a round's
   * time compiling, at most {@code settleRounds} times; answers what happened, for the report.
   */
  private String settle(PackagedPlugin plugin, Runnable round) {
    JitCompilation jit = new JitCompilation(plugin.pid());
    double share = 1;
    int rounds = 0;
    while (rounds < settleRounds && share >= 0.05) {
      double compiled = jit.seconds();
      long start = System.nanoTime();
      round.run();
      share = (jit.seconds() - compiled) / ((System.nanoTime() - start) / 1e9);
      rounds++;
    }
    return String.format(
        Locale.ROOT,
        "then %d rounds of about 10 s until the JIT compiler took %.1f %% of the last round%s",
        rounds,
        share * 100,
        share >= 0.05 ? " (not settled: the figures include compilation)" : "");
  }

  private static String graphQLKey() {
    return "GraphQL: the storefront read";
  }

  /** The storefront's read of a customer ({@code $id}): available points, and the tier's name. */
  private static String storefrontRead(boolean withTier) {
    var customer = new CustomerProjectionRoot<>();
    var loyalty = customer.loyalty();
    if (withTier) {
      loyalty.tier().name();
    }
    loyalty.points().available();
    return new GraphQLQueryRequest(
            CustomerGraphQLQuery.newRequest().idReference("id").build(), customer)
        .serializeCompact();
  }

  private Wrk.Result readRun(
      Wrk wrk, PackagedPlugin plugin, Path idsFile, List<String> target, int duration) {
    Wrk.Result result =
        wrk.run(
            plugin.baseUrl(),
            "read.lua",
            readConnections,
            duration,
            100_000L * duration,
            List.of(idsFile.toAbsolutePath().toString(), target.get(0), target.get(1), AUTH));
    if (result.failures() > 0 || result.socketErrors() > 0) {
      throw new IllegalStateException(target.get(0) + " failed: " + result);
    }
    return result;
  }

  /** The comparison is fair only if both answer the same data. */
  private static void sameAnswers(
      GraphQLTestClient client, String baseUrl, String read, List<String> ids) throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    for (String id : List.of(ids.get(0), ids.get(ids.size() / 2), "no-such-customer")) {
      JsonNode graphql = client.storefront(read, Map.of("id", id)).assertNoErrors().data();
      String body =
          http.send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(baseUrl + "/benchmark/loyalty-summary"))
                      .header("Content-Type", "application/json")
                      .header("Authorization", AUTH)
                      .POST(
                          java.net.http.HttpRequest.BodyPublishers.ofString(
                              idBody().replace("__ID__", id)))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString())
              .body();
      JsonNode baseline = JSON.readTree(body).path("data");
      assertThat(baseline).as("baseline and GraphQL answer the same data").isEqualTo(graphql);
    }
  }

  private static String idBody() {
    return "{\"id\":\"__ID__\"}";
  }

  private static String graphQLBody(String document) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", document);
    if (document.contains("$id")) {
      body.put("variables", Map.of("id", "__ID__"));
    }
    return JSON.writeValueAsString(body);
  }

  // --- (b) orderRecord -----------------------------------------------------------------------

  private void ingestion(
      Wrk wrk, PackagedPlugin plugin, TestDatabase db, Path idsFile, List<String> ids)
      throws Exception {
    String run = "bench-" + Long.toString(System.currentTimeMillis(), 36);
    Map<String, List<Double>> results = new LinkedHashMap<>();
    Map<String, Long> statusPerOrder = new LinkedHashMap<>();
    long graphqlOrders = 0;
    long jdbcOrders = 0;
    long failures = 0;
    // CPU milliseconds over the measured rounds: [service or baseline client, database server]
    long[] graphqlCpu = new long[2];
    long[] jdbcCpu = new long[2];
    long[] hooksCpu = new long[2];
    long hooksOrders = 0;
    long[] saturatedCpu = new long[2];
    long[] jdbcSaturatedCpu = new long[2];
    long saturatedOrders = 0;
    long jdbcSaturatedOrders = 0;
    String jdbcSaturatedName = "baseline: plain JDBC, " + saturatingConnections + " threads";
    String saturatedName =
        "GraphQL `orderRecord` over HTTP, " + saturatingConnections + " connections";
    Map<String, List<Wrk.Result>> latencies = new LinkedHashMap<>();
    long delivered;
    OptionalLong dbPid = ProcessCpu.databaseServerPid();
    String orderSettled;
    try (JdbcOrderBaseline jdbc = new JdbcOrderBaseline(db, ids, linesPerOrder);
        WebhookSink sink =
            new WebhookSink(plugin.client(), Duration.ofMillis(receiverDelayMillis))) {
      orderRun(wrk, plugin, idsFile, run + "-warm", warmup);
      int[] settleRound = {0};
      orderSettled =
          settle(
              plugin,
              () -> orderRun(wrk, plugin, idsFile, run + "-settle-" + settleRound[0]++, 10));
      jdbc.run(run + "-jdbc-warm", orderConnections, Math.max(5, warmup / 4));
      for (int round = 0; round < rounds; round++) {
        long[] cpu0 = cpu(ProcessHandle.current().pid(), dbPid);
        double jdbcRate = jdbc.run(run + "-jdbc-" + round, orderConnections, seconds);
        long[] cpu1 = cpu(ProcessHandle.current().pid(), dbPid);
        jdbcOrders += jdbc.lastWritten();
        results
            .computeIfAbsent(
                "baseline: plain JDBC, order + lines batched, one transaction each",
                k -> new ArrayList<>())
            .add(jdbcRate);
        Map<String, Long> before = status(db);
        long[] cpu2 = cpu(plugin.pid(), dbPid);
        Wrk.Result graphql = orderRun(wrk, plugin, idsFile, run + "-" + round, seconds);
        long[] cpu3 = cpu(plugin.pid(), dbPid);
        Map<String, Long> after = status(db);
        for (int i = 0; i < 2; i++) {
          jdbcCpu[i] += cpu1[i] - cpu0[i];
          graphqlCpu[i] += cpu3[i] - cpu2[i];
        }
        long stored =
            Long.parseLong(
                scalar(
                    db,
                    "SELECT COUNT(*) FROM customer_order WHERE id LIKE '"
                        + run
                        + "-"
                        + round
                        + "-%'"));
        graphqlOrders += stored;
        failures += graphql.failures() + graphql.socketErrors();
        after.forEach((k, v) -> statusPerOrder.merge(k, v - before.get(k), Long::sum));
        results.computeIfAbsent(ORDER_RECORD, k -> new ArrayList<>()).add(graphql.perSecond());
        latencies.computeIfAbsent(ORDER_RECORD, k -> new ArrayList<>()).add(graphql);
        // both again at a concurrency that keeps the cores busy
        long[] cpu6 = cpu(ProcessHandle.current().pid(), dbPid);
        double jdbcSaturated = jdbc.run(run + "-jdbc-sat-" + round, saturatingConnections, seconds);
        long[] cpu7 = cpu(ProcessHandle.current().pid(), dbPid);
        long[] cpu8 = cpu(plugin.pid(), dbPid);
        Wrk.Result saturated =
            orderRun(wrk, plugin, idsFile, run + "-sat-" + round, seconds, saturatingConnections);
        long[] cpu9 = cpu(plugin.pid(), dbPid);
        for (int i = 0; i < 2; i++) {
          jdbcSaturatedCpu[i] += cpu7[i] - cpu6[i];
          saturatedCpu[i] += cpu9[i] - cpu8[i];
        }
        jdbcSaturatedOrders += jdbc.lastWritten();
        saturatedOrders +=
            Long.parseLong(
                scalar(
                    db,
                    "SELECT COUNT(*) FROM customer_order WHERE id LIKE '"
                        + run
                        + "-sat-"
                        + round
                        + "-%'"));
        failures += saturated.failures() + saturated.socketErrors();
        results.computeIfAbsent(jdbcSaturatedName, k -> new ArrayList<>()).add(jdbcSaturated);
        results.computeIfAbsent(saturatedName, k -> new ArrayList<>()).add(saturated.perSecond());
        latencies.computeIfAbsent(saturatedName, k -> new ArrayList<>()).add(saturated);
        // the same with a webhook endpoint receiving points.earned: the outbox row, its fan-out
        // and the deliveries (to the sink on 127.0.0.1) while the round runs
        String endpoint = sink.subscribe();
        long[] cpu4 = cpu(plugin.pid(), dbPid);
        Wrk.Result hooks = orderRun(wrk, plugin, idsFile, run + "-hooks-" + round, seconds);
        long[] cpu5 = cpu(plugin.pid(), dbPid);
        sink.unsubscribe(endpoint);
        for (int i = 0; i < 2; i++) {
          hooksCpu[i] += cpu5[i] - cpu4[i];
        }
        hooksOrders +=
            Long.parseLong(
                scalar(
                    db,
                    "SELECT COUNT(*) FROM customer_order WHERE id LIKE '"
                        + run
                        + "-hooks-"
                        + round
                        + "-%'"));
        failures += hooks.failures() + hooks.socketErrors();
        results
            .computeIfAbsent(
                "GraphQL `orderRecord`, an endpoint receiving `points.earned`",
                k -> new ArrayList<>())
            .add(hooks.perSecond());
      }
      delivered = sink.received();
    }
    report
        .append("\n## (b) `orderRecord` throughput\n\n")
        .append(
            String.format(
                "Orders of %d lines (random SKU, category, quantity, price) with unique ids for random"
                    + " existing customers, wrk -t1 -c%d against plain JDBC from %d threads into copies of"
                    + " the same tables, then both again at %d, %d s per round after a %d s warm-up,"
                    + " rounds interleaved; ",
                linesPerOrder,
                orderConnections,
                orderConnections,
                saturatingConnections,
                seconds,
                warmup))
        .append(orderSettled)
        .append(".\n\n");
    Map<String, List<Wrk.Result>> asResults = new LinkedHashMap<>();
    results.forEach(
        (k, v) -> asResults.put(k, v.stream().map(StorefrontBenchmark::perSecond).toList()));
    table(
        asResults,
        "orders/s",
        name ->
            name.equals(saturatedName) || name.equals(jdbcSaturatedName)
                ? jdbcSaturatedName
                : "baseline: plain JDBC, order + lines batched, one transaction each");
    report.append(
        String.format(
            "%nLatency of `orderRecord` as wrk saw it (the rounds' medians): %s.%n",
            String.join(
                "; ",
                latencies.entrySet().stream()
                    .map(
                        e ->
                            String.format(
                                Locale.ROOT,
                                "%s: p50 %.1f ms, p99 %.1f ms",
                                e.getKey().equals(ORDER_RECORD)
                                    ? orderConnections + " connections"
                                    : saturatingConnections + " connections",
                                medianOf(e.getValue(), Wrk.Result::p50Micros) / 1000.0,
                                medianOf(e.getValue(), Wrk.Result::p99Micros) / 1000.0))
                    .toList())));
    final long counted = graphqlOrders;
    report.append(
        String.format(
            "%nOrders stored by the measured GraphQL rounds: %d, failed responses: %d. Per order, from the"
                + " server's global counters (other clients of the same server add noise): %s.%n",
            counted,
            failures,
            String.join(
                ", ",
                statusPerOrder.entrySet().stream()
                    .map(
                        e ->
                            String.format(
                                Locale.ROOT,
                                "%s %.1f",
                                e.getKey(),
                                (double) e.getValue() / counted))
                    .toList())));
    report.append(
        String.format(
            Locale.ROOT,
            "%nCPU per order over the measured rounds (from /proc; %s): GraphQL `orderRecord` %.2f ms in"
                + " the service + %.2f ms in the database server; plain JDBC %.2f ms in its client +"
                + " %.2f ms in the database server.%n",
            dbPid.isPresent()
                ? "database server pid " + dbPid.getAsLong()
                : "no local database server",
            (double) graphqlCpu[0] / counted,
            (double) graphqlCpu[1] / counted,
            (double) jdbcCpu[0] / Math.max(1, jdbcOrders),
            (double) jdbcCpu[1] / Math.max(1, jdbcOrders)));
    report.append(
        String.format(
            Locale.ROOT,
            "At %d connections: GraphQL `orderRecord` %.2f ms in the service + %.2f ms in the"
                + " database server per order; plain JDBC from %d threads %.2f ms in its client +"
                + " %.2f ms in the database server.%n",
            saturatingConnections,
            (double) saturatedCpu[0] / Math.max(1, saturatedOrders),
            (double) saturatedCpu[1] / Math.max(1, saturatedOrders),
            saturatingConnections,
            (double) jdbcSaturatedCpu[0] / Math.max(1, jdbcSaturatedOrders),
            (double) jdbcSaturatedCpu[1] / Math.max(1, jdbcSaturatedOrders)));
    report.append(
        String.format(
            Locale.ROOT,
            "%nWith a webhook endpoint receiving `points.earned` (created before each of its rounds"
                + " and disabled after; a receiver on 127.0.0.1 answering 204 after %d ms): %.2f ms in the service"
                + " + %.2f ms in the database server per order, over %d orders; the receiver got %d"
                + " deliveries while those rounds ran (the delivery worker runs every second with %d"
                + " loop(s), and what an endpoint still had to receive when disabled is canceled).%n",
            receiverDelayMillis,
            (double) hooksCpu[0] / Math.max(1, hooksOrders),
            (double) hooksCpu[1] / Math.max(1, hooksOrders),
            hooksOrders,
            delivered,
            deliveryConcurrency));
    Path jfr = work.resolve("graphql-order.jfr").toAbsolutePath();
    profile(plugin, jfr, () -> orderRun(wrk, plugin, idsFile, run + "-jfr", 15));
    profileReport("GraphQL orderRecord", JfrProfile.of(jfr));
  }

  private static Wrk.Result perSecond(double rate) {
    return new Wrk.Result(Math.round(rate * 1000), 1_000_000_000L, 0, 0, 0, 0);
  }

  private Wrk.Result orderRun(
      Wrk wrk, PackagedPlugin plugin, Path idsFile, String prefix, int duration) {
    return orderRun(wrk, plugin, idsFile, prefix, duration, orderConnections);
  }

  private Wrk.Result orderRun(
      Wrk wrk, PackagedPlugin plugin, Path idsFile, String prefix, int duration, int connections) {
    return wrk.run(
        plugin.baseUrl(),
        "order.lua",
        connections,
        duration,
        20_000L * duration,
        List.of(
            idsFile.toAbsolutePath().toString(),
            AUTH,
            prefix,
            Integer.toString(linesPerOrder),
            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
  }

  /** CPU milliseconds so far of a process and of the database server (0 where unknown). */
  private static long[] cpu(long pid, OptionalLong dbPid) {
    return new long[] {
      ProcessCpu.millis(pid).orElse(0),
      dbPid.isPresent() ? ProcessCpu.millis(dbPid.getAsLong()).orElse(0) : 0
    };
  }

  private static Map<String, Long> status(TestDatabase db) throws SQLException {
    Map<String, Long> values = new LinkedHashMap<>();
    try (Connection c = connect(db);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SHOW GLOBAL STATUS WHERE Variable_name IN ('Com_commit', 'Questions',"
                    + " 'Com_select', 'Com_insert', 'Com_update', 'Innodb_rows_inserted')")) {
      while (rs.next()) {
        values.put(rs.getString(1), rs.getLong(2));
      }
    }
    return values;
  }

  // --- storage ---------------------------------------------------------------------------------

  private void storage(TestDatabase db) throws SQLException {
    report.append(
        "## Storage after seeding\n\n| table | rows | data + index bytes | bytes/row |\n|---|---:|---:|---:|\n");
    try (Connection c = connect(db);
        Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery(
              "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                  + " AND TABLE_NAME IN ('customer', 'customer_order', 'order_line', 'points_account',"
                  + " 'points_lot', 'points_entry', 'tier_activity', 'tier_state',"
                  + " 'tier_change') ORDER BY TABLE_NAME")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String table : tables) {
        s.execute("ANALYZE TABLE " + table);
        long rows = Long.parseLong(scalar(db, "SELECT COUNT(*) FROM " + table));
        long bytes =
            Long.parseLong(
                scalar(
                    db,
                    "SELECT DATA_LENGTH + INDEX_LENGTH FROM information_schema.TABLES"
                        + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '"
                        + table
                        + "'"));
        report.append(
            String.format(
                "| %s | %d | %d | %d |%n", table, rows, bytes, rows == 0 ? 0 : bytes / rows));
      }
    }
    report.append("\n");
  }

  // --- profiling and report --------------------------------------------------------------------

  private static void profile(PackagedPlugin plugin, Path file, Runnable load) throws Exception {
    Files.deleteIfExists(file);
    jcmd(plugin, "JFR.start", "name=bench", "settings=profile", "filename=" + file);
    try {
      load.run();
    } finally {
      jcmd(plugin, "JFR.stop", "name=bench");
    }
  }

  private static void jcmd(PackagedPlugin plugin, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("jcmd", Long.toString(plugin.pid())));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + String.join(" ", args) + " failed: " + out);
    }
  }

  private void profileReport(String what, JfrProfile.Summary profile) {
    report.append(
        String.format(
            "%n### Where the time goes: %s (JFR, %d CPU samples of the request threads)%n%n"
                + "Each sample counts for the layer of its innermost non-JDK frame.%n%n"
                + "| layer | share |%n|---|---:|%n",
            what, profile.samples()));
    for (JfrProfile.Share share : profile.layers()) {
      report.append(
          String.format(Locale.ROOT, "| %s | %.1f %% |%n", share.name(), share.percent()));
    }
    report.append("\nHottest methods (self samples): ");
    report.append(
        String.join(
            ", ",
            profile.hotMethods().stream()
                .limit(10)
                .map(s -> String.format(Locale.ROOT, "`%s` %.1f %%", s.name(), s.percent()))
                .toList()));
    report.append("\n\nWaits on the database over 10 ms (JFR socket reads), by calling method: ");
    report.append(
        profile.dbWaits().isEmpty()
            ? "none"
            : String.join(
                ", ",
                profile.dbWaits().stream()
                    .map(
                        w ->
                            String.format(
                                Locale.ROOT,
                                "`%s` %d ms in %d reads",
                                w.site(),
                                w.millis(),
                                w.reads()))
                    .toList()));
    report.append("\n");
  }

  private void table(Map<String, List<Wrk.Result>> results, String unit, String baselineKey) {
    table(results, unit, name -> baselineKey);
  }

  /** As above, each row's ratio against the row {@code baselineOf} names for it. */
  private void table(
      Map<String, List<Wrk.Result>> results, String unit, UnaryOperator<String> baselineOf) {
    report.append("| measurement |");
    for (int r = 1; r <= rounds; r++) {
      report.append(" round ").append(r).append(" |");
    }
    report.append(" median ").append(unit).append(" | ratio to baseline |\n|---|");
    report.append("---:|".repeat(rounds + 2)).append("\n");
    results.forEach(
        (name, runs) -> {
          report.append("| ").append(name).append(" |");
          runs.forEach(r -> report.append(String.format(Locale.ROOT, " %.0f |", r.perSecond())));
          double median = median(runs);
          double baseline = median(results.get(baselineOf.apply(name)));
          report.append(
              String.format(Locale.ROOT, " **%.0f** | %.2f |%n", median, median / baseline));
        });
  }

  private static double medianOf(List<Wrk.Result> runs, ToLongFunction<Wrk.Result> value) {
    long[] sorted = runs.stream().mapToLong(value).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  private static double median(List<Wrk.Result> runs) {
    List<Double> rates = runs.stream().map(Wrk.Result::perSecond).sorted().toList();
    int n = rates.size();
    return n % 2 == 1 ? rates.get(n / 2) : (rates.get(n / 2 - 1) + rates.get(n / 2)) / 2;
  }

  private static String scalar(TestDatabase db, String sql) throws SQLException {
    try (Connection c = connect(db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static Connection connect(TestDatabase db) throws SQLException {
    return DriverManager.getConnection(db.url(), db.user(), db.password());
  }
}
