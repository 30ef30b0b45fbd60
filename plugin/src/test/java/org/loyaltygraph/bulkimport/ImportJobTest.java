package org.loyaltygraph.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.security.Role;
import org.loyaltygraph.testing.AdminSessions;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.ShopperTokens;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Row errors, opening balances, who may import, and canceling a job. */
@LoyaltyGraphTest
class ImportJobTest extends ImportTestFixture {

  private static final String CANCEL =
      "mutation($in: ImportJobCancelInput!) { importJobCancel(input: $in) { importJob { id status"
          + " rowsDone finishedAt } userErrors { field code } } }";

  @Autowired AdminSessions admins;

  @Test
  void badRowsAreReportedWithTheirLineAndCodeWhileTheGoodRowsImport() {
    String c = shop.newCustomer();
    String file =
        ORDER_HEADER
            + p
            + "o1,"
            + c
            + ",2026-05-01T10:00:00Z,USD,l1,\"SKU, with comma\",books,2,1500,\n"
            + p
            + "o1,"
            + c
            + ",,USD,l2,SKU-2,books,1,1000,\n"
            + p
            + "o2,nobody-"
            + p
            + ",2026-05-02T10:00:00Z,USD,l1,SKU-1,books,1,1000,\n"
            + p
            + "o3,"
            + c
            + ",2026-05-03T10:00:00Z,USD,l1,SKU-1,books,two,1000,\n"
            + p
            + "o4,"
            + c
            + ",2026-05-04T10:00:00Z,USD,l1,SKU-1,books,1,1000,\n"
            + p
            + "o4,"
            + c
            + ",2026-05-04T10:00:00Z,USD,l2,SKU-2,books,1,-5,\n"
            + p
            + "o5,"
            + c
            + ",2026-05-05T10:00:00Z,USD,l1,SKU-1\n"
            + p
            + "o6,"
            + c
            + ",2026-05-06T10:00:00Z,DOLLARS,l1,SKU-1,books,1,1000,\n"
            + p
            + "o7,"
            + c
            + ",2026-05-07T10:00:00Z,USD,l1,\"multi\nline sku\",books,1,2500,\n"
            + p
            + "o8,"
            + c
            + ",2026-05-08,USD,l1,SKU-1,books,1,1000,\n"
            + p
            + "o9,"
            + c
            + ",2026-05-09T10:00:00Z,USD,l1,SKU-1,books,1,1000,\n"
            + p
            + "o9,"
            + c
            + ",2026-05-10T10:00:00Z,USD,l2,SKU-1,books,1,1000,\n";

    String job = uploads.accepted("orders", "text/csv", file);
    worker.run(Long.parseLong(job), "worker-a", Integer.MAX_VALUE);

    JsonNode done = uploads.job(job);
    assertThat(done.path("status").asString()).isEqualTo("DONE");
    assertThat(done.path("rowsTotal").asInt()).isEqualTo(9);
    assertThat(done.path("rowsImported").asInt()).isEqualTo(3);
    assertThat(done.path("rowsFailed").asInt()).isEqualTo(6);
    assertThat(uploads.errors(job))
        .extracting(
            e -> e.path("line").asInt(),
            e -> e.path("code").asString(),
            e -> e.path("recordId").asString())
        .containsExactly(
            tuple(4, "UNKNOWN_CUSTOMER", p + "o2"),
            tuple(5, "INVALID_VALUE", p + "o3"),
            tuple(7, "INVALID_AMOUNT", p + "o4"),
            tuple(8, "MALFORMED_ROW", p + "o5"),
            tuple(9, "UNKNOWN_CURRENCY", p + "o6"),
            tuple(14, "INVALID", p + "o9"));
    assertThat(uploads.errors(job).get(2).path("field").toString())
        .isEqualTo("[\"input\",\"lines\",\"1\",\"unitPrice\"]");
    // 2 x 15.00 + 10.00, 25.00 and 10.00 at one point per dollar
    assertThat(shop.points(c).path("lifetimeEarned").asLong()).isEqualTo(40 + 25 + 10);
    ledger.assertConsistent(c);
  }

  @Test
  void unreadableNdjsonLinesAreRowErrorsAndTheOthersImport() {
    String file =
        "{\"id\":\""
            + p
            + "a\",\"email\":\"a@example.com\",\"firstName\":\"Ann\"}\n"
            + "not json\n"
            + "[1,2]\n"
            + "\n"
            + "{\"id\":\""
            + p
            + "b\",\"email\":\"no-at-sign\"}\n"
            + "{\"id\":\""
            + p
            + "c\",\"timeZone\":\"Mars/Olympus\"}\n"
            + "{\"id\":\""
            + p
            + "d\",\"timeZone\":\"Europe/Paris\"}\n";

    String job = uploads.accepted("customers", "application/x-ndjson", file);
    worker.run(Long.parseLong(job), "worker-a", Integer.MAX_VALUE);

    assertThat(uploads.job(job).path("rowsImported").asInt()).isEqualTo(2);
    assertThat(uploads.errors(job))
        .extracting(e -> e.path("line").asInt(), e -> e.path("code").asString())
        .containsExactly(
            tuple(2, "MALFORMED_ROW"),
            tuple(3, "MALFORMED_ROW"),
            tuple(5, "INVALID"),
            tuple(6, "INVALID_TIME_ZONE"));
  }

  @Test
  void openingBalancesFromAFileAreImportedOncePerCustomer() {
    String c1 = shop.newCustomer();
    String c2 = shop.newCustomer();
    String manager = admins.bearer(Role.MANAGER);
    String csv =
        "customer_id,points,expires_at,qualifying_amount\n"
            + c1
            + ",100,2027-01-01T00:00:00Z,50000\n"
            + c1
            + ",50,,\n"
            + c2
            + ",70,,\n";

    Uploads.Answer first = uploads.post(manager, "openingBalances", "text/csv", csv, null);
    worker.run(Long.parseLong(first.jobId()), "worker-a", Integer.MAX_VALUE);
    long entries = ledger.entries(c1) + ledger.entries(c2);
    Uploads.Answer again = uploads.post(manager, "openingBalances", "text/csv", csv, "again-" + p);
    worker.run(Long.parseLong(again.jobId()), "worker-a", Integer.MAX_VALUE);
    String ndjson =
        "{\"customerId\":\""
            + c1
            + "\",\"lots\":[{\"points\":100,\"expiresAt\":\"2027-01-01T00:00:00Z\"},"
            + "{\"points\":50}],\"qualifyingAmount\":50000}\n";
    Uploads.Answer asNdjson =
        uploads.post(manager, "openingBalances", "application/x-ndjson", ndjson, null);
    worker.run(Long.parseLong(asNdjson.jobId()), "worker-a", Integer.MAX_VALUE);

    assertThat(first.status()).isEqualTo(202);
    assertThat(uploads.job(first.jobId()).path("rowsImported").asInt()).isEqualTo(2);
    assertThat(ledger.balance(c1)).isEqualTo(150);
    assertThat(ledger.balance(c2)).isEqualTo(70);
    assertThat(uploads.job(again.jobId()).path("rowsSkipped").asInt()).isEqualTo(2);
    assertThat(uploads.job(again.jobId()).path("rowsImported").asInt()).isZero();
    assertThat(uploads.job(asNdjson.jobId()).path("rowsSkipped").asInt()).isEqualTo(1);
    assertThat(ledger.entries(c1) + ledger.entries(c2)).isEqualTo(entries);
    assertThat(ledger.balance(c1)).isEqualTo(150);
    ledger.assertConsistent(c1);
    ledger.assertConsistent(c2);
  }

  @Test
  void onlyCallersWithTheMatchingMutationsPermissionMayUpload() {
    String c = shop.newCustomer();
    String file =
        ORDER_HEADER + p + "o1," + c + ",2026-05-01T10:00:00Z,USD,l1,SKU-1,books,1,1000,\n";
    long jobsBefore = ledger.count("SELECT COUNT(*) FROM import_job");

    Uploads.Answer anonymous = uploads.csv(null, "orders", file);
    Uploads.Answer unknownKey = uploads.csv("Bearer lgk_not_a_key_of_this_shop", "orders", file);
    Uploads.Answer shopper =
        uploads.csv(ShopperTokens.bearerFor(c, clock.instant()), "orders", file);
    Uploads.Answer analyst = uploads.csv(admins.bearer(Role.ANALYST), "orders", file);
    Uploads.Answer ownerOrders = uploads.csv(admins.bearer(Role.OWNER), "orders", file);
    Uploads.Answer storefrontBalances =
        uploads.csv(Uploads.STOREFRONT, "openingBalances", "customer_id,points\nx,1\n");
    Uploads.Answer unknownKind = uploads.csv(Uploads.STOREFRONT, "refunds", file);
    Uploads.Answer json =
        uploads.post(Uploads.STOREFRONT, "orders", "application/json", "{}", null);
    Uploads.Answer unknownColumn =
        uploads.csv(Uploads.STOREFRONT, "orders", "order_id,colour\n1,red\n");
    Uploads.Answer missingColumn =
        uploads.csv(Uploads.STOREFRONT, "orders", "order_id,customer_id\n1,c\n");
    Uploads.Answer headerOnly = uploads.csv(Uploads.STOREFRONT, "orders", ORDER_HEADER);

    assertThat(List.of(anonymous, unknownKey, shopper, analyst, ownerOrders, storefrontBalances))
        .extracting(Uploads.Answer::status, a -> a.body().at("/error/code").asString())
        .containsExactly(
            tuple(401, "UNAUTHENTICATED"),
            tuple(401, "UNAUTHENTICATED"),
            tuple(403, "FORBIDDEN"),
            tuple(403, "FORBIDDEN"),
            tuple(403, "FORBIDDEN"),
            tuple(403, "FORBIDDEN"));
    assertThat(List.of(unknownKind, json, unknownColumn, missingColumn, headerOnly))
        .extracting(Uploads.Answer::status, a -> a.body().at("/error/code").asString())
        .containsExactly(
            tuple(400, "UNKNOWN_KIND"),
            tuple(415, "UNSUPPORTED_MEDIA_TYPE"),
            tuple(400, "UNKNOWN_COLUMNS"),
            tuple(400, "MISSING_COLUMNS"),
            tuple(400, "EMPTY_FILE"));
    // a refusal says what, never how the service works inside
    assertThat(shopper.body().propertyNames()).containsExactly("error");
    assertThat(shopper.body().path("error").propertyNames())
        .containsExactlyInAnyOrder("code", "message");
    assertThat(ledger.count("SELECT COUNT(*) FROM import_job")).isEqualTo(jobsBefore);
    var shopperReads =
        graphql.send(
            ShopperTokens.bearerFor(c, clock.instant()),
            "{ importJobs(first: 1) { edges { cursor } } }",
            Map.of());
    assertThat(shopperReads.errors().get(0).at("/extensions/code").asString())
        .isEqualTo("FORBIDDEN");
  }

  @Test
  void cancelingARunningJobStopsItAtTheEndOfItsBatch() {
    String c = shop.newCustomer();
    int orders = properties.batchSize() + 50;
    StringBuilder file = new StringBuilder(ORDER_HEADER);
    for (int i = 0; i < orders; i++) {
      file.append(p).append("o").append(i).append(',').append(c);
      file.append(",2026-05-01T10:00:00Z,USD,l1,SKU-1,books,1,100,\n");
    }
    String job = uploads.accepted("orders", "text/csv", file.toString());
    String manager = admins.bearer(Role.MANAGER);

    worker.run(Long.parseLong(job), "worker-a", 1);
    JsonNode canceled =
        graphql.send(manager, CANCEL, Map.of("in", Map.of("id", job))).assertNoErrors().data();
    JsonNode again =
        graphql.send(manager, CANCEL, Map.of("in", Map.of("id", job))).assertNoErrors().data();
    clock.advance(properties.lease().plus(Duration.ofSeconds(1)));
    boolean resumed = worker.run(Long.parseLong(job), "worker-b", Integer.MAX_VALUE);
    var analystCancels =
        graphql.send(admins.bearer(Role.ANALYST), CANCEL, Map.of("in", Map.of("id", job)));
    JsonNode unknown =
        graphql
            .send(manager, CANCEL, Map.of("in", Map.of("id", "999999999")))
            .assertNoErrors()
            .data();
    JsonNode newest =
        graphql
            .storefront(
                "{ importJobs(first: 1) { edges { node { id status } } pageInfo { hasNextPage } } }",
                Map.of())
            .assertNoErrors()
            .data();

    assertThat(canceled.at("/importJobCancel/importJob/status").asString()).isEqualTo("CANCELED");
    assertThat(canceled.at("/importJobCancel/importJob/finishedAt").isNull()).isFalse();
    assertThat(again.at("/importJobCancel/userErrors")).isEmpty();
    assertThat(again.at("/importJobCancel/importJob/status").asString()).isEqualTo("CANCELED");
    assertThat(resumed).isFalse();
    assertThat(uploads.job(job).path("rowsDone").asInt()).isEqualTo(properties.batchSize());
    assertThat(ledger.count("SELECT COUNT(*) FROM customer_order WHERE id LIKE ?", p + "%"))
        .isEqualTo(properties.batchSize());
    assertThat(analystCancels.errors().get(0).at("/extensions/code").asString())
        .isEqualTo("FORBIDDEN");
    assertThat(unknown.at("/importJobCancel/userErrors/0/code").asString()).isEqualTo("NOT_FOUND");
    assertThat(newest.at("/importJobs/edges/0/node/id").asString()).isEqualTo(job);
    ledger.assertConsistent(c);
  }

  @Test
  void aJobWhoseWorkersNeverCommitABatchFailsAfterTheConfiguredAttempts() {
    String c = shop.newCustomer();
    long job =
        Long.parseLong(
            uploads.accepted(
                "orders",
                "text/csv",
                ORDER_HEADER + p + "o1," + c + ",2026-05-01T10:00:00Z,USD,l1,SKU-1,,1,100,\n"));

    // each worker takes the job and dies before its first batch commits
    for (int attempt = 0; attempt < properties.maxAttempts(); attempt++) {
      assertThat(worker.run(job, "worker-" + attempt, 0)).isTrue();
      clock.advance(properties.lease().plus(Duration.ofSeconds(1)));
    }
    boolean takenOnceMore = worker.run(job, "worker-last", Integer.MAX_VALUE);

    JsonNode failed = uploads.job(Long.toString(job));
    assertThat(takenOnceMore).isFalse();
    assertThat(failed.path("status").asString()).isEqualTo("FAILED");
    assertThat(failed.path("rowsDone").asInt()).isZero();
    assertThat(failed.path("finishedAt").isNull()).isFalse();
  }

  @Test
  void aFinishedJobCannotBeCanceled() {
    String c = shop.newCustomer();
    String job =
        uploads.accepted(
            "orders",
            "text/csv",
            ORDER_HEADER + p + "o1," + c + ",2026-05-01T10:00:00Z,USD,l1,SKU-1,,1,100,\n");
    worker.run(Long.parseLong(job), "worker-a", Integer.MAX_VALUE);

    JsonNode payload =
        graphql.storefront(CANCEL, Map.of("in", Map.of("id", job))).assertNoErrors().data();

    assertThat(payload.at("/importJobCancel/userErrors/0/code").asString())
        .isEqualTo("JOB_FINISHED");
    assertThat(uploads.job(job).path("status").asString()).isEqualTo("DONE");
  }
}
