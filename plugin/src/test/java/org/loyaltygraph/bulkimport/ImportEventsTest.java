package org.loyaltygraph.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.event.EveryEventEndpoint;
import org.loyaltygraph.security.Role;
import org.loyaltygraph.testing.AdminSessions;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.tier.Tier;
import org.loyaltygraph.tier.TierDraft;
import org.loyaltygraph.tier.TierService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * An import records past data without webhook events unless its upload asks for them with {@code
 * events=true}; points, ledger and tiers come out the same either way.
 */
@LoyaltyGraphTest
class ImportEventsTest extends ImportTestFixture {

  @Autowired TierService tiers;
  @Autowired AdminSessions admins;
  @Autowired ApplicationContext context;

  Tier silver;
  // the outbox writes only what an endpoint receives: this one receives everything
  EveryEventEndpoint everyEvent;

  @BeforeEach
  void setUp() {
    everyEvent = EveryEventEndpoint.create(context);
    deleteAllTiers();
    // 100.00 of spend in the rolling window reaches Silver
    silver =
        tiers.create(new TierDraft(p + "silver", "Silver", 10_000L, "1", false, List.of())).tier();
  }

  @AfterEach
  void removeTiers() {
    everyEvent.close();
    deleteAllTiers();
  }

  @Test
  void importedOrdersWriteNoOutboxEventsUnlessTheUploadAsksForThem() {
    String quiet = shop.newCustomer();
    String loud = shop.newCustomer();

    String quietJob = uploads.accepted("orders", "text/csv", history(quiet, "q"));
    String loudJob =
        uploads.acceptedWith("kind=orders&events=true", "text/csv", history(loud, "l"));
    worker.run(Long.parseLong(quietJob), "worker-a", Integer.MAX_VALUE);
    worker.run(Long.parseLong(loudJob), "worker-a", Integer.MAX_VALUE);

    assertThat(uploads.job(quietJob).path("emitsEvents").asBoolean()).isFalse();
    assertThat(uploads.job(loudJob).path("emitsEvents").asBoolean()).isTrue();
    assertThat(uploads.get(Uploads.STOREFRONT, quietJob).body().path("emitsEvents").asBoolean())
        .isFalse();
    assertThat(uploads.job(quietJob).path("rowsImported").asInt()).isEqualTo(3);
    assertThat(uploads.job(loudJob).path("rowsImported").asInt()).isEqualTo(3);
    assertThat(outbox(quiet, "points.earned")).isZero();
    assertThat(outbox(quiet, "tier.changed")).isZero();
    assertThat(outbox(loud, "points.earned")).isEqualTo(3);
    assertThat(outbox(loud, "tier.changed")).isEqualTo(1);
    assertSameLoyalty(quiet, loud);
    assertThat(tierOf(quiet)).isEqualTo(silver.id());
  }

  @Test
  void importedOpeningBalancesWriteNoTierChangedUnlessTheUploadAsksForIt() {
    String quiet = shop.newCustomer();
    String loud = shop.newCustomer();
    String csv = "customer_id,points,expires_at,qualifying_amount\n%s,500,,20000\n";

    String manager = admins.bearer(Role.MANAGER);

    String quietJob =
        uploads.acceptedWith(manager, "kind=openingBalances", "text/csv", csv.formatted(quiet));
    String loudJob =
        uploads.acceptedWith(
            manager, "kind=openingBalances&events=true", "text/csv", csv.formatted(loud));
    worker.run(Long.parseLong(quietJob), "worker-a", Integer.MAX_VALUE);
    worker.run(Long.parseLong(loudJob), "worker-a", Integer.MAX_VALUE);

    assertThat(outbox(quiet, "tier.changed")).isZero();
    assertThat(outbox(loud, "tier.changed")).isEqualTo(1);
    assertSameLoyalty(quiet, loud);
    assertThat(tierOf(quiet)).isEqualTo(silver.id());
  }

  @Test
  void aResumedJobKeepsTheEventsItsUploadAskedFor() {
    String loud = shop.newCustomer();
    int orders = properties.batchSize() + 5;
    StringBuilder file = new StringBuilder(ORDER_HEADER);
    for (int i = 0; i < orders; i++) {
      file.append(p).append("r").append(i).append(',').append(loud);
      file.append(",2026-05-01T10:00:00Z,USD,l1,SKU-1,books,1,100,\n");
    }
    long job =
        Long.parseLong(
            uploads.acceptedWith("kind=orders&events=true", "text/csv", file.toString()));

    // the first worker commits one batch and dies; another takes the job over
    worker.run(job, "worker-a", 1);
    clock.advance(properties.lease().plus(Duration.ofSeconds(1)));
    worker.run(job, "worker-b", Integer.MAX_VALUE);

    assertThat(uploads.job(Long.toString(job)).path("status").asString()).isEqualTo("DONE");
    assertThat(outbox(loud, "points.earned")).isEqualTo(orders);
  }

  @Test
  void anEventsParameterOtherThanTrueOrFalseIsRefusedAndStoresNothing() {
    long jobsBefore = ledger.count("SELECT COUNT(*) FROM import_job");

    Uploads.Answer answer =
        uploads.stream(
            "kind=orders&events=yes",
            "text/csv",
            new java.io.ByteArrayInputStream(ORDER_HEADER.getBytes()));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().at("/error/code").asString()).isEqualTo("INVALID_EVENTS");
    assertThat(ledger.count("SELECT COUNT(*) FROM import_job")).isEqualTo(jobsBefore);
  }

  /** Three orders of 60.00, 40.00 and 20.00: the second reaches Silver. */
  private String history(String customer, String tag) {
    return ORDER_HEADER
        + line(tag + "1", customer, "2026-03-01T10:00:00Z", 6_000)
        + line(tag + "2", customer, "2026-04-01T10:00:00Z", 4_000)
        + line(tag + "3", customer, "2026-05-01T10:00:00Z", 2_000);
  }

  private String line(String order, String customer, String placedAt, long unitPrice) {
    return p
        + order
        + ","
        + customer
        + ","
        + placedAt
        + ",USD,l1,SKU-1,books,1,"
        + unitPrice
        + ",\n";
  }

  /** Both customers hold the same points, ledger, lots, tier and tier history. */
  private void assertSameLoyalty(String a, String b) {
    assertThat(ledger.balance(a)).isEqualTo(ledger.balance(b));
    assertThat(ledger.entries(a)).isEqualTo(ledger.entries(b));
    assertThat(ledger.lots(a)).isEqualTo(ledger.lots(b));
    assertThat(shop.points(a)).isEqualTo(shop.points(b));
    assertThat(tierOf(a)).isEqualTo(tierOf(b));
    assertThat(tierChanges(a)).isEqualTo(tierChanges(b)).isPositive();
    ledger.assertConsistent(a);
    ledger.assertConsistent(b);
  }

  private long outbox(String customer, String type) {
    return ledger.count(
        "SELECT COUNT(*) FROM outbox_event WHERE customer_id = ? AND type = ?", customer, type);
  }

  private String tierOf(String customer) {
    return jdbc.sql("SELECT tier_id FROM tier_state WHERE customer_id = ?")
        .param(customer)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  private long tierChanges(String customer) {
    return ledger.count("SELECT COUNT(*) FROM tier_change WHERE customer_id = ?", customer);
  }

  private void deleteAllTiers() {
    for (Tier tier : tiers.tiers()) {
      assertThat(tiers.delete(tier.id()).userErrors()).isEmpty();
    }
  }
}
