package org.loyaltygraph.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltygraph.testing.Storefront.line;
import static org.loyaltygraph.testing.Storefront.order;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.event.EveryEventEndpoint;
import org.loyaltygraph.points.EarningRulesService;
import org.loyaltygraph.testing.Concurrently;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.Ledger;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.loyaltygraph.testing.Storefront;
import org.loyaltygraph.testing.TestOrders;
import org.loyaltygraph.testing.TestProgram;
import org.loyaltygraph.tier.Tier;
import org.loyaltygraph.tier.TierDraft;
import org.loyaltygraph.tier.TierProgram;
import org.loyaltygraph.tier.TierProgramEdit;
import org.loyaltygraph.tier.TierResult;
import org.loyaltygraph.tier.TierService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Concurrent {@code orderRecord} calls are written several to a transaction (group commit); each
 * order must still be recorded exactly as it would be alone, and answered on its own.
 */
@LoyaltyGraphTest
class OrderBatchingTest {

  @Autowired GraphQLTestClient graphql;
  @Autowired MutableClock clock;
  @Autowired EarningRulesService rules;
  @Autowired JdbcClient jdbc;
  @Autowired MeterRegistry meters;
  @Autowired TierService tiers;
  @Autowired DataSource dataSource;
  @Autowired ApplicationContext context;

  Storefront shop;
  Ledger ledger;
  // the outbox writes only what an endpoint receives: this one receives everything
  EveryEventEndpoint everyEvent;

  @BeforeEach
  void setUp() {
    clock.set(Instant.parse("2026-05-01T10:00:00Z"));
    TestProgram.standard(rules);
    shop = new Storefront(graphql);
    ledger = new Ledger(jdbc);
    everyEvent = EveryEventEndpoint.create(context);
  }

  @AfterEach
  void noEndpointLeft() {
    everyEvent.close();
  }

  @Test
  void concurrentOrdersAreWrittenTogetherAndEachIsRecordedAsIfAlone() throws Exception {
    DistributionSummary batches = meters.summary("loyaltygraph.orders.batch.size");
    long batchesBefore = batches.count();
    List<String> customers = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      customers.add(shop.newCustomer());
    }
    List<Map<String, Object>> orders = new ArrayList<>();
    Map<String, Long> spendByCustomer = new HashMap<>();
    for (int i = 0; i < 240; i++) {
      String customer = customers.get(i % customers.size());
      long price = 1_050 + 37L * i; // 10.50 and up: each earns floor(price / 100) per unit
      int quantity = 1 + i % 3;
      orders.add(
          order(
              "o-" + UUID.randomUUID(),
              customer,
              clock.instant(),
              "USD",
              List.of(
                  line("a", "SKU-" + i, "general", quantity, price),
                  line("b", "SKU-X", "general", 1, 999))));
      spendByCustomer.merge(customer, quantity * price + 999, Long::sum);
    }

    List<JsonNode> answers =
        Concurrently.all(16, orders.size(), i -> shop.recordOrder(orders.get(i)));

    assertThat(answers).allSatisfy(a -> assertThat(a.path("userErrors").isEmpty()).isTrue());
    assertThat(batches.count()).as("batches of more than one order").isGreaterThan(batchesBefore);
    assertThat(batches.max()).isGreaterThan(1);
    Map<String, Long> pointsByCustomer = new HashMap<>();
    for (int i = 0; i < answers.size(); i++) {
      JsonNode order = answers.get(i).path("order");
      String id = (String) orders.get(i).get("id");
      long points = order.path("pointsEarned").asLong();
      assertThat(order.path("id").asString()).isEqualTo(id);
      // the order's own receipts, the lot and the stored row agree with the answer
      long receipts = 0;
      for (JsonNode l : order.path("lines")) {
        receipts += l.at("/receipt/points").asLong();
      }
      assertThat(receipts).isEqualTo(points);
      assertThat(
              jdbc.sql(
                      "SELECT l.earned FROM customer_order o JOIN points_lot l ON l.source_type = 'ORDER' AND l.source_id = o.id"
                          + " WHERE o.id = ? AND l.source_id = o.id")
                  .param(id)
                  .query(Long.class)
                  .single())
          .isEqualTo(points);
      pointsByCustomer.merge((String) orders.get(i).get("customerId"), points, Long::sum);
    }
    for (String customer : customers) {
      ledger.assertConsistent(customer);
      assertThat(shop.points(customer).path("pending").asLong())
          .isEqualTo(pointsByCustomer.get(customer));
      assertThat(
              ledger.count(
                  "SELECT COUNT(*) FROM tier_activity WHERE customer_id = ?"
                      + " AND source_id LIKE 'order:%'",
                  customer))
          .isEqualTo(20);
      assertThat(
              ledger.count(
                  "SELECT COUNT(*) FROM outbox_event WHERE customer_id = ? AND type = ?",
                  customer,
                  "points.earned"))
          .isEqualTo(20);
      assertThat(
              ledger.count(
                  "SELECT SUM(spend_delta) FROM tier_activity WHERE customer_id = ?", customer))
          .isEqualTo(spendByCustomer.get(customer));
      assertThat(
              ledger.count(
                  "SELECT COUNT(*) FROM tier_state WHERE customer_id = ? AND evaluated_at IS NOT NULL",
                  customer))
          .isEqualTo(1);
    }
  }

  @Test
  void aCustomerLockedByAnotherTransactionDelaysOnlyItsOwnOrders() throws Exception {
    Counter lockedElsewhere = meters.counter("loyaltygraph.orders.batch.locked.elsewhere");
    double handedBackBefore = lockedElsewhere.count();
    String busy = shop.newCustomer();
    shop.buy(busy, clock.instant(), 5_000, 1); // its account exists: 50 pending
    List<String> others = new ArrayList<>();
    for (int c = 0; c < 12; c++) {
      others.add(shop.newCustomer());
    }
    // whether one of the busy customer's orders shares a batch with others depends on the writers'
    // timing: rounds go on (at most three) until one did, each checking that nobody else waited
    int rounds = 0;
    do {
      burstWhileHeld(busy, others);
      rounds++;
    } while (rounds < 3 && lockedElsewhere.count() == handedBackBefore);

    assertThat(lockedElsewhere.count()).isGreaterThan(handedBackBefore);
    int busyCount = 1 + rounds * BUSY_ORDERS.size();
    assertThat(shop.points(busy).path("pending").asLong())
        .isEqualTo(50 + rounds * BUSY_ORDERS.size() * 30L);
    assertThat(ledger.lots(busy)).isEqualTo(busyCount);
    assertThat(
            ledger.count(
                "SELECT COUNT(*) FROM tier_activity WHERE customer_id = ? AND source_id LIKE 'order:%'",
                busy))
        .isEqualTo(busyCount);
    assertThat(
            ledger.count(
                "SELECT COUNT(*) FROM outbox_event WHERE customer_id = ? AND type = ?",
                busy,
                "points.earned"))
        .isEqualTo(busyCount);
    ledger.assertConsistent(busy);
    for (String customer : others) {
      assertThat(shop.points(customer).path("pending").asLong()).isEqualTo(rounds * 4 * 20L);
      ledger.assertConsistent(customer);
    }
  }

  @Test
  void aBatchLeavesOutACustomerWhoseTierStateAnotherTransactionHolds() throws Exception {
    String busy = shop.newCustomer();
    String other = shop.newCustomer();
    shop.buy(busy, clock.instant(), 5_000, 1); // the busy customer's tier state exists
    OrderWriter writer = context.getBean(OrderWriter.class);
    var batch = context.getBean(WriterTransactions.class).transactions();
    try (Connection holder = dataSource.getConnection()) {
      // the tier evaluation job's batch, or a tier's deletion: they lock tier states, not accounts
      holder.setAutoCommit(false);
      try (PreparedStatement lock =
          holder.prepareStatement(
              "SELECT customer_id FROM tier_state WHERE customer_id = ? FOR UPDATE")) {
        lock.setString(1, busy);
        try (var locked = lock.executeQuery()) {
          assertThat(locked.next()).isTrue();
        }
      }
      List<OrderWriter.PendingOrder> orders = List.of(pending(busy, 3_000), pending(other, 2_000));
      List<OrderResult> results;
      try {
        results =
            CompletableFuture.supplyAsync(() -> batch.execute(status -> writer.write(orders)))
                .get(10, TimeUnit.SECONDS); // a batch waiting for the row would wait 50 s
      } finally {
        holder.rollback();
      }
      assertThat(results.get(0)).as("handed back to wait alone").isNull();
      assertThat(results.get(1).userErrors()).isEmpty();
      assertThat(results.get(1).order().pointsEarned()).isEqualTo(20);
    }
    assertThat(ledger.count("SELECT COUNT(*) FROM customer_order WHERE customer_id = ?", busy))
        .isEqualTo(1);
    assertThat(shop.points(other).path("pending").asLong()).isEqualTo(20);
    ledger.assertConsistent(other);
  }

  private OrderWriter.PendingOrder pending(String customerId, long unitPrice) {
    return new OrderWriter.PendingOrder(
        TestOrders.oneLine(customerId, clock.instant(), unitPrice),
        "hash-" + UUID.randomUUID(),
        rules.current(),
        OrderRewards.Deduction.NONE,
        true);
  }

  /** Positions of the busy customer's orders among 48 of twelve others. */
  private static final List<Integer> BUSY_ORDERS = List.of(5, 11, 18, 24, 31, 37, 44, 50);

  /**
   * Sends 48 orders of {@code others} and 8 of {@code busy} from 16 threads while another
   * transaction holds {@code busy}'s account: the others answer and commit meanwhile, the busy
   * customer's wait, and answer once the account is released.
   */
  private void burstWhileHeld(String busy, List<String> others) throws Exception {
    List<Map<String, Object>> orders = new ArrayList<>();
    for (int other = 0; orders.size() < 48 + BUSY_ORDERS.size(); ) {
      boolean ofBusy = BUSY_ORDERS.contains(orders.size());
      orders.add(
          order(
              "o-" + UUID.randomUUID(),
              ofBusy ? busy : others.get(other++ % others.size()),
              clock.instant(),
              "USD",
              List.of(line("a", "SKU-" + orders.size(), "general", 1, ofBusy ? 3_000 : 2_000))));
    }
    List<String> otherIds = new ArrayList<>();
    for (int i = 0; i < orders.size(); i++) {
      if (!BUSY_ORDERS.contains(i)) {
        otherIds.add((String) orders.get(i).get("id"));
      }
    }
    long busyStored =
        ledger.count("SELECT COUNT(*) FROM customer_order WHERE customer_id = ?", busy);
    try (Connection holder = dataSource.getConnection()) {
      // a long transaction elsewhere (an import's batch, a merge, an adjustment) holds the account
      holder.setAutoCommit(false);
      try (PreparedStatement lock =
          holder.prepareStatement(
              "SELECT customer_id FROM points_account WHERE customer_id = ? FOR UPDATE")) {
        lock.setString(1, busy);
        lock.executeQuery().close();
      }
      try (Concurrently.Started sent =
          Concurrently.start(16, orders.size(), i -> shop.recordOrder(orders.get(i)))) {
        try {
          for (int i = 0; i < orders.size(); i++) {
            if (!BUSY_ORDERS.contains(i)) {
              JsonNode answer = answerWithin(sent.calls().get(i), 20);
              assertThat(answer.path("userErrors").isEmpty()).isTrue();
              assertThat(answer.at("/order/pointsEarned").asLong()).isEqualTo(20);
            }
          }
          // the others are committed while the busy customer's account is still held
          assertThat(
                  ledger.count(
                      "SELECT COUNT(*) FROM customer_order WHERE id IN ("
                          + String.join(",", Collections.nCopies(otherIds.size(), "?"))
                          + ")",
                      otherIds.toArray()))
              .isEqualTo(otherIds.size());
          for (int i : BUSY_ORDERS) {
            assertThat(sent.calls().get(i)).as("order %d of the busy customer", i).isNotDone();
          }
          assertThat(
                  ledger.count("SELECT COUNT(*) FROM customer_order WHERE customer_id = ?", busy))
              .isEqualTo(busyStored);
        } finally {
          holder.rollback();
        }

        for (int i : BUSY_ORDERS) {
          JsonNode answer = answerWithin(sent.calls().get(i), 60);
          assertThat(answer.path("userErrors").isEmpty()).isTrue();
          assertThat(answer.at("/order/id").asString()).isEqualTo(orders.get(i).get("id"));
          assertThat(answer.at("/order/pointsEarned").asLong()).isEqualTo(30);
        }
      }
    }
  }

  private static JsonNode answerWithin(Future<JsonNode> call, int seconds) throws Exception {
    try {
      return call.get(seconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within " + seconds + " s", e);
    }
  }

  @Test
  void aCustomersConcurrentOrdersEarnAndClimbTiersAsTheyWouldOneAfterAnother() throws Exception {
    List<String> tierIds = new ArrayList<>();
    String prefix = "batch-" + UUID.randomUUID().toString().substring(0, 8);
    try {
      for (Tier existing : tiers.tiers()) {
        assertThat(tiers.delete(existing.id()).userErrors()).isEmpty();
      }
      assertThat(
              tiers
                  .updateProgram(
                      new TierProgramEdit(
                          TierProgram.Basis.SPEND, TierProgram.Window.ROLLING, 12, 0, "UTC"))
                  .userErrors())
          .isEmpty();
      tierIds.add(tier(prefix + "-silver", 10_000, "2"));
      tierIds.add(tier(prefix + "-gold", 25_000, "3"));
      List<String> customers = new ArrayList<>();
      List<Map<String, Object>> orders = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        customers.add(shop.newCustomer());
      }
      for (int i = 0; i < 6; i++) {
        for (String customer : customers) {
          orders.add(
              order(
                  "o-" + UUID.randomUUID(),
                  customer,
                  clock.instant(),
                  "USD",
                  List.of(line("a", "SKU-1", "general", 1, 6_000))));
        }
      }

      List<JsonNode> answers =
          Concurrently.all(16, orders.size(), i -> shop.recordOrder(orders.get(i)));

      // one after another, whatever the order: 60 + 60 (Silver at 120.00) + 3 x 120 (Gold at
      // 300.00) + 180
      assertThat(answers).allSatisfy(a -> assertThat(a.path("userErrors").isEmpty()).isTrue());
      for (String customer : customers) {
        assertThat(shop.points(customer).path("pending").asLong()).isEqualTo(660);
        assertThat(ledger.count("SELECT COUNT(*) FROM tier_change WHERE customer_id = ?", customer))
            .isEqualTo(2);
        assertThat(
                ledger.count(
                    "SELECT COUNT(*) FROM outbox_event WHERE customer_id = ? AND type = ?",
                    customer,
                    "tier.changed"))
            .isEqualTo(2);
        ledger.assertConsistent(customer);
      }
    } finally {
      for (String id : tierIds) {
        tiers.delete(id);
      }
      tiers.updateProgram(
          new TierProgramEdit(TierProgram.Basis.SPEND, TierProgram.Window.ROLLING, 12, 30, "UTC"));
    }
  }

  private String tier(String id, long threshold, String multiplier) {
    TierResult result =
        tiers.create(new TierDraft(id, id, threshold, multiplier, false, List.of()));
    assertThat(result.userErrors()).isEmpty();
    return id;
  }

  @Test
  void copiesReusedIdsAndUnknownCustomersAmongConcurrentOrdersAnswerOnTheirOwn() throws Exception {
    String customer = shop.newCustomer();
    String sharedId = "o-" + UUID.randomUUID();
    Map<String, Object> first =
        order(sharedId, customer, clock.instant(), "USD", List.of(line("a", "A", "g", 1, 5_000)));
    Map<String, Object> other =
        order(sharedId, customer, clock.instant(), "USD", List.of(line("a", "A", "g", 1, 7_000)));
    List<Map<String, Object>> sent = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      sent.add(
          switch (i % 4) {
            case 0 -> first;
            case 1 -> other;
            case 2 ->
                order(
                    "o-" + UUID.randomUUID(),
                    "nobody-" + UUID.randomUUID(),
                    clock.instant(),
                    "USD",
                    List.of(line("a", "B", "g", 1, 2_000)));
            default ->
                order(
                    "o-" + UUID.randomUUID(),
                    customer,
                    clock.instant(),
                    "USD",
                    List.of(line("a", "B", "g", 1, 2_000)));
          });
    }

    List<JsonNode> answers = Concurrently.all(16, sent.size(), i -> shop.recordOrder(sent.get(i)));

    // one content won the id: its copies answer it, the other content's are refused
    long stored =
        jdbc.sql("SELECT base_subtotal FROM customer_order WHERE id = ?")
            .param(sharedId)
            .query(Long.class)
            .single();
    Map<String, Object> winner = stored == 5_000 ? first : other;
    for (int i = 0; i < sent.size(); i++) {
      JsonNode answer = answers.get(i);
      if (sent.get(i) == winner) {
        assertThat(answer.path("userErrors").isEmpty()).isTrue();
        assertThat(answer.at("/order/pointsEarned").asLong()).isEqualTo(stored / 100);
      } else if (sent.get(i).get("id").equals(sharedId)) {
        assertThat(answer.at("/userErrors/0/code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
      } else if (!sent.get(i).get("customerId").equals(customer)) {
        assertThat(answer.at("/userErrors/0/code").asString()).isEqualTo("UNKNOWN_CUSTOMER");
        assertThat(answer.at("/order").isNull()).isTrue();
      } else {
        assertThat(answer.path("userErrors").isEmpty()).isTrue();
        assertThat(answer.at("/order/pointsEarned").asLong()).isEqualTo(20);
      }
    }
    assertThat(ledger.lots(customer)).isEqualTo(1 + 16);
    assertThat(shop.points(customer).path("pending").asLong()).isEqualTo(stored / 100 + 16 * 20);
    assertThat(
            ledger.count("SELECT COUNT(*) FROM customer_order WHERE customer_id LIKE 'nobody-%'"))
        .isZero();
    ledger.assertConsistent(customer);
  }
}
