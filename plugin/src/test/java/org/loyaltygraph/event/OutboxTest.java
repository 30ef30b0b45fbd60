package org.loyaltygraph.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.order.OrderInput;
import org.loyaltygraph.order.OrderService;
import org.loyaltygraph.points.EarningRulesService;
import org.loyaltygraph.points.PointsMaintenanceJob;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.loyaltygraph.testing.Storefront;
import org.loyaltygraph.testing.TestOrders;
import org.loyaltygraph.testing.TestProgram;
import org.loyaltygraph.tier.Tier;
import org.loyaltygraph.tier.TierDraft;
import org.loyaltygraph.tier.TierService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the outbox holds after the changes that cause events, read from the table itself. */
@LoyaltyGraphTest
class OutboxTest {

  private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired GraphQLTestClient graphql;
  @Autowired JdbcClient jdbc;
  @Autowired MutableClock clock;
  @Autowired EarningRulesService earningRules;
  @Autowired OrderService orders;
  @Autowired TransactionTemplate transactions;
  @Autowired TierService tiers;
  @Autowired PointsMaintenanceJob pointsMaintenance;
  @Autowired ExpiryWarningJob expiryWarnings;
  @Autowired ApplicationContext context;

  private Storefront storefront;
  private Webhooks webhooks;
  private EveryEventEndpoint everyEvent;

  @BeforeEach
  void onePointPerDollar() {
    clock.set(NOW);
    TestProgram.standard(earningRules);
    storefront = new Storefront(graphql);
    webhooks = new Webhooks(graphql, jdbc);
    everyEvent = EveryEventEndpoint.create(context);
  }

  @AfterEach
  void noEndpointLeft() {
    everyEvent.close();
  }

  @Test
  void anEventNoEnabledEndpointReceivesIsNotWritten() {
    everyEvent.close();
    String customer = storefront.newCustomer();
    assertThat(orders.record(TestOrders.oneLine(customer, NOW, 9_900)).userErrors()).isEmpty();
    assertThat(webhooks.events(customer, "points.earned")).isEmpty();

    try (EveryEventEndpoint tiersOnly =
        EveryEventEndpoint.create(context, EventType.TIER_CHANGED)) {
      assertThat(orders.record(TestOrders.oneLine(customer, NOW, 9_900)).userErrors()).isEmpty();
      assertThat(webhooks.events(customer, "points.earned")).isEmpty();
    }
    everyEvent = EveryEventEndpoint.create(context);
    assertThat(orders.record(TestOrders.oneLine(customer, NOW, 9_900)).userErrors()).isEmpty();
    assertThat(webhooks.events(customer, "points.earned")).hasSize(1);
  }

  @Test
  void recordingAnOrderWritesExactlyOnePointsEarnedEventAndAReplayWritesNone() {
    String customer = storefront.newCustomer();
    String orderId = "o-" + UUID.randomUUID();
    Map<String, Object> order =
        Storefront.order(
            orderId,
            customer,
            NOW,
            "USD",
            new ArrayList<>(List.of(Storefront.line("l1", "SKU-1", "general", 2, 2_500))));

    storefront.recordOrder(order);
    clock.advance(java.time.Duration.ofMinutes(5));
    JsonNode replay = storefront.recordOrder(order);

    assertThat(replay.path("userErrors").isEmpty()).isTrue();
    List<Webhooks.Stored> events = webhooks.events(customer, "points.earned");
    assertThat(events).hasSize(1);
    JsonNode payload = JSON.readTree(events.get(0).payload());
    assertThat(payload.path("orderId").asString()).isEqualTo(orderId);
    assertThat(payload.path("points").asLong()).isEqualTo(50);
    assertThat(payload.path("placedAt").asString()).isEqualTo("2026-01-15T10:00:00Z");
    assertThat(events.get(0).occurredAt()).isEqualTo(NOW);
    assertThat(UUID.fromString(events.get(0).id())).isNotNull();
  }

  @Test
  void anOrderRolledBackTakesItsEventWithIt() {
    String customer = storefront.newCustomer();
    OrderInput input = TestOrders.oneLine(customer, NOW, 9_900);
    String orderId = input.id();

    // the order's own transaction joins this one: the event is written in it, or not at all
    transactions.executeWithoutResult(
        status -> {
          assertThat(orders.record(input).userErrors()).isEmpty();
          assertThat(webhooks.events(customer, "points.earned")).hasSize(1);
          status.setRollbackOnly();
        });

    assertThat(orders.find(orderId)).isEmpty();
    assertThat(webhooks.events(customer, "points.earned")).isEmpty();
  }

  @Test
  void anOrderThatEarnsNothingWritesNoEvent() {
    String customer = storefront.newCustomer();

    storefront.buy(customer, NOW, 50, 1); // 0.50 USD: no whole point

    assertThat(webhooks.events(customer, "points.earned")).isEmpty();
  }

  @Test
  void aRefundThatTakesPointsBackWritesPointsReversed() {
    String customer = storefront.newCustomer();
    String orderId = storefront.buy(customer, NOW, 3_000, 2);
    String refundId = "r-" + UUID.randomUUID();

    storefront.refundUnits(refundId, orderId, "l1", 1);
    storefront.refundUnits(refundId, orderId, "l1", 1); // a replay of the refund

    List<Webhooks.Stored> events = webhooks.events(customer, "points.reversed");
    assertThat(events).hasSize(1);
    JsonNode payload = JSON.readTree(events.get(0).payload());
    assertThat(payload.path("refundId").asString()).isEqualTo(refundId);
    assertThat(payload.path("orderId").asString()).isEqualTo(orderId);
    assertThat(payload.path("points").asLong()).isEqualTo(30);
  }

  @Test
  void aTierChangeWritesTierChanged() {
    deleteAllTiers();
    Tier silver =
        tiers
            .create(
                new TierDraft(
                    "t-" + UUID.randomUUID().toString().substring(0, 8),
                    "Silver",
                    10_000L,
                    "1",
                    false,
                    List.of()))
            .tier();
    try {
      String customer = storefront.newCustomer();

      storefront.buy(customer, NOW, 12_000, 1);

      List<Webhooks.Stored> events = webhooks.events(customer, "tier.changed");
      assertThat(events).hasSize(1);
      JsonNode payload = JSON.readTree(events.get(0).payload());
      assertThat(payload.path("fromTierId").isNull()).isTrue();
      assertThat(payload.path("toTierId").asString()).isEqualTo(silver.id());
      assertThat(payload.path("reason").asString()).isEqualTo("order");
      assertThat(webhooks.events(customer, "points.earned")).hasSize(1);
    } finally {
      deleteAllTiers();
    }
  }

  @Test
  void mergingCustomersWritesCustomerMergedForTheSurvivor() {
    String survivor = storefront.newCustomer();
    String merged = storefront.newCustomer();

    graphql
        .storefront(
            "mutation($in: CustomerMergeInput!) { customerMerge(input: $in) { userErrors { code } } }",
            Map.of("in", Map.of("survivorId", survivor, "mergedId", merged)))
        .assertNoErrors();

    List<Webhooks.Stored> events = webhooks.events(survivor, "customer.merged");
    assertThat(events).hasSize(1);
    JsonNode payload = JSON.readTree(events.get(0).payload());
    assertThat(payload.path("survivorId").asString()).isEqualTo(survivor);
    assertThat(payload.path("mergedId").asString()).isEqualTo(merged);
  }

  @Test
  void expiryWarningsAreWrittenOncePerCustomerAndExpiryEvenWhenTheJobRunsTwice() {
    String customer = storefront.newCustomer();
    storefront.buy(customer, NOW, 1_000, 1); // 10 points, expire at the end of 2027-01-29
    storefront.buy(customer, NOW.plusSeconds(60), 2_000, 1); // 20 more, same day, same expiry
    clock.set(NOW.plus(java.time.Duration.ofDays(1)));
    storefront.buy(customer, clock.instant(), 4_000, 1); // 40 points, a day later
    clock.set(Instant.parse("2026-02-01T00:00:00Z"));
    pointsMaintenance.runDue(); // every lot above is available now

    clock.set(Instant.parse("2027-01-10T00:00:00Z")); // 20 days before: outside 14 days
    expiryWarnings.runDue();
    assertThat(webhooks.events(customer, "points.expiring")).isEmpty();

    clock.set(Instant.parse("2027-01-20T00:00:00Z")); // both expiries within 14 days
    expiryWarnings.runDue();
    clock.advance(java.time.Duration.ofHours(1));
    expiryWarnings.runDue();

    List<Webhooks.Stored> events = webhooks.events(customer, "points.expiring");
    assertThat(events).hasSize(2);
    JsonNode first = JSON.readTree(events.get(0).payload());
    JsonNode second = JSON.readTree(events.get(1).payload());
    List<String> seen =
        List.of(
            first.path("expiresAt").asString() + "=" + first.path("points").asLong(),
            second.path("expiresAt").asString() + "=" + second.path("points").asLong());
    assertThat(seen)
        .containsExactlyInAnyOrder("2027-01-30T00:00:00Z=30", "2027-01-31T00:00:00Z=40");
  }

  private void deleteAllTiers() {
    for (Tier tier : tiers.tiers()) {
      assertThat(tiers.delete(tier.id()).userErrors()).isEmpty();
    }
  }
}
