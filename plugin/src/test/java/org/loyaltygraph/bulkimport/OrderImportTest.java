package org.loyaltygraph.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Past orders loaded from a file earn exactly what orderRecord gives for the same orders, once,
 * however often the file is sent and wherever the job is interrupted. The orders are real: CDNOW
 * purchases (see {@link CdnowOrders}).
 */
@LoyaltyGraphTest
class OrderImportTest extends ImportTestFixture {

  @Autowired ImportJobRepository jobs;

  @Test
  void ordersFromACsvFileEarnWhatOrderRecordGivesForTheSameOrders() {
    String prefix = prefix();
    List<CdnowOrders.Order> orders = CdnowOrders.read(prefix, 0, 300);
    importCustomers(CdnowOrders.customers(orders));

    String job = uploads.accepted("orders", "text/csv", CdnowOrders.csv(orders));
    worker.run(Long.parseLong(job), "worker-a", Integer.MAX_VALUE);

    JsonNode done = uploads.job(job);
    assertThat(done.path("status").asString()).isEqualTo("DONE");
    assertThat(done.path("format").asString()).isEqualTo("CSV");
    assertThat(done.path("rowsTotal").asInt()).isEqualTo(orders.size());
    assertThat(done.path("rowsImported").asInt()).isEqualTo(orders.size());
    assertThat(done.path("rowsFailed").asInt()).isZero();
    assertThat(orders.stream().filter(o -> o.lines().size() > 1)).isNotEmpty();
    assertSameAsOrderRecord(orders, prefix);
  }

  @Test
  void ordersFromAnNdjsonFileEarnWhatOrderRecordGivesForTheSameOrders() {
    String prefix = prefix();
    List<CdnowOrders.Order> orders = CdnowOrders.read(prefix, 300, 150);
    importCustomers(CdnowOrders.customers(orders));

    String job = uploads.accepted("orders", "application/x-ndjson", CdnowOrders.ndjson(orders));
    // as the schedule does: every due job, to its end
    worker.runDue("worker-a");

    JsonNode done = uploads.job(job);
    assertThat(done.path("status").asString()).isEqualTo("DONE");
    assertThat(done.path("format").asString()).isEqualTo("NDJSON");
    assertThat(done.path("rowsImported").asInt()).isEqualTo(orders.size());
    assertSameAsOrderRecord(orders, prefix);
  }

  @Test
  void theSameFileUploadedTwiceIsOneJobAndEarnsOnce() {
    String prefix = prefix();
    List<CdnowOrders.Order> orders = CdnowOrders.read(prefix, 450, 60);
    List<String> customers = CdnowOrders.customers(orders);
    importCustomers(customers);
    String file = CdnowOrders.csv(orders);

    Uploads.Answer first = uploads.csv(Uploads.STOREFRONT, "orders", file);
    Uploads.Answer again = uploads.csv(Uploads.STOREFRONT, "orders", file);
    worker.run(Long.parseLong(first.jobId()), "worker-a", Integer.MAX_VALUE);
    Uploads.Answer afterItRan = uploads.csv(Uploads.STOREFRONT, "orders", file);
    Map<String, Long> balances = balances(customers);

    assertThat(first.status()).isEqualTo(202);
    assertThat(first.response().headers().firstValue("Location"))
        .hasValue("/imports/" + first.jobId());
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.jobId()).isEqualTo(first.jobId());
    assertThat(again.response().headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(afterItRan.jobId()).isEqualTo(first.jobId());
    assertThat(afterItRan.body().path("status").asString()).isEqualTo("DONE");
    assertThat(uploads.get(Uploads.STOREFRONT, first.jobId()).body().path("rowsImported").asInt())
        .isEqualTo(orders.size());
    assertThat(uploads.get(null, first.jobId()).status()).isEqualTo(401);
    assertThat(worker.run(Long.parseLong(first.jobId()), "worker-b", Integer.MAX_VALUE)).isFalse();

    // the same orders in a new job (a new Idempotency-Key) are all present already
    Uploads.Answer resent =
        uploads.post(Uploads.STOREFRONT, "orders", "text/csv", file, "k-" + prefix);
    worker.run(Long.parseLong(resent.jobId()), "worker-a", Integer.MAX_VALUE);
    JsonNode second = uploads.job(resent.jobId());
    Uploads.Answer keyReused =
        uploads.post(
            Uploads.STOREFRONT,
            "orders",
            "text/csv",
            CdnowOrders.csv(orders.subList(0, 1)),
            "k-" + prefix);

    assertThat(resent.jobId()).isNotEqualTo(first.jobId());
    assertThat(second.path("rowsSkipped").asInt()).isEqualTo(orders.size());
    assertThat(second.path("rowsImported").asInt()).isZero();
    assertThat(balances(customers)).isEqualTo(balances);
    assertThat(countOrders(prefix)).isEqualTo(orders.size());
    assertThat(keyReused.status()).isEqualTo(409);
    assertThat(keyReused.body().at("/error/code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    customers.forEach(ledger::assertConsistent);
  }

  @Test
  void anInterruptedJobIsTakenOverAndResumesAfterItsLastCommittedBatch() {
    String prefix = prefix();
    List<CdnowOrders.Order> orders = CdnowOrders.read(prefix, 600, 600);
    int batch = properties.batchSize();
    assertThat(orders.size()).isGreaterThan(2 * batch);
    List<String> customers = CdnowOrders.customers(orders);
    importCustomers(customers);
    long job = Long.parseLong(uploads.accepted("orders", "text/csv", CdnowOrders.csv(orders)));

    // worker A commits one batch, then dies having applied the next ten orders
    worker.run(job, "worker-a", 1);
    for (CdnowOrders.Order o : orders.subList(batch, batch + 10)) {
      assertThat(
              shop.recordOrder(CdnowOrders.graphQLInput(o, o.id(), o.customerId()))
                  .path("userErrors"))
          .isEmpty();
    }
    JsonNode interrupted = uploads.job(Long.toString(job));
    boolean takenBeforeTheLeaseExpired = worker.run(job, "worker-b", Integer.MAX_VALUE);
    clock.advance(properties.lease().plus(Duration.ofSeconds(1)));
    boolean takenAfter = worker.run(job, "worker-b", 1);
    // worker A wakes up late: its batch no longer counts, B's lease stands
    boolean staleCommit =
        jobs.commitProgress(job, "worker-a", batch, batch, 0, 0, clock.instant().plusSeconds(60));
    clock.advance(properties.lease().plus(Duration.ofSeconds(1)));
    worker.run(job, "worker-b", Integer.MAX_VALUE);

    JsonNode done = uploads.job(Long.toString(job));
    assertThat(interrupted.path("status").asString()).isEqualTo("RUNNING");
    assertThat(interrupted.path("rowsDone").asInt()).isEqualTo(batch);
    assertThat(takenBeforeTheLeaseExpired).isFalse();
    assertThat(takenAfter).isTrue();
    assertThat(staleCommit).isFalse();
    assertThat(done.path("status").asString()).isEqualTo("DONE");
    assertThat(done.path("rowsDone").asInt()).isEqualTo(orders.size());
    assertThat(done.path("rowsImported").asInt()).isEqualTo(orders.size() - 10);
    assertThat(done.path("rowsSkipped").asInt()).isEqualTo(10);
    assertThat(countOrders(prefix)).isEqualTo(orders.size());
    assertThat(
            ledger.count(
                "SELECT COUNT(*) FROM points_lot WHERE source_type = 'ORDER' AND source_id LIKE ?",
                prefix + "-%"))
        .isEqualTo(
            ledger.count(
                "SELECT COUNT(*) FROM customer_order WHERE id LIKE ? AND points_earned > 0",
                prefix + "-%"));
    customers.forEach(ledger::assertConsistent);
  }

  private void importCustomers(List<String> customers) {
    StringBuilder ndjson = new StringBuilder();
    customers.forEach(
        c ->
            ndjson
                .append("{\"id\":\"")
                .append(c)
                .append("\",\"email\":\"")
                .append(c)
                .append("@example.com\"}\n"));
    String job = uploads.accepted("customers", "application/x-ndjson", ndjson.toString());
    worker.run(Long.parseLong(job), "worker-a", Integer.MAX_VALUE);
    assertThat(uploads.job(job).path("rowsImported").asInt()).isEqualTo(customers.size());
  }

  /** Records the same orders for twin customers through orderRecord and compares everything. */
  private void assertSameAsOrderRecord(List<CdnowOrders.Order> orders, String prefix) {
    String twin = "tw" + prefix.substring(2);
    for (String customer : CdnowOrders.customers(orders)) {
      graphql
          .storefront(
              "mutation($in: CustomerUpsertInput!) { customerUpsert(input: $in) { userErrors { code } } }",
              Map.of("in", Map.of("id", twin + customer.substring(prefix.length()))))
          .assertNoErrors();
    }
    for (CdnowOrders.Order o : orders) {
      JsonNode recorded =
          shop.recordOrder(
              CdnowOrders.graphQLInput(
                  o,
                  twin + o.id().substring(prefix.length()),
                  twin + o.customerId().substring(prefix.length())));
      assertThat(recorded.path("userErrors")).isEmpty();
      JsonNode imported = shop.order(o.id());
      assertThat(withoutIds(imported))
          .as("order %s", o.id())
          .isEqualTo(withoutIds(recorded.path("order")));
    }
    for (String customer : CdnowOrders.customers(orders)) {
      assertThat(shop.points(customer))
          .as("points of %s", customer)
          .isEqualTo(shop.points(twin + customer.substring(prefix.length())));
      ledger.assertConsistent(customer);
    }
  }

  private static JsonNode withoutIds(JsonNode order) {
    ObjectNode copy = (ObjectNode) order.deepCopy();
    copy.remove("id");
    copy.remove("customerId");
    return copy;
  }

  private Map<String, Long> balances(List<String> customers) {
    return customers.stream()
        .collect(
            java.util.stream.Collectors.toMap(
                c -> c, c -> shop.points(c).path("lifetimeEarned").asLong()));
  }

  private long countOrders(String prefix) {
    return ledger.count("SELECT COUNT(*) FROM customer_order WHERE id LIKE ?", prefix + "-%");
  }

  private static String prefix() {
    return "cd" + UUID.randomUUID().toString().substring(0, 8);
  }
}
