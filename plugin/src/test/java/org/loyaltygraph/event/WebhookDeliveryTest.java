package org.loyaltygraph.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.graphql.Pagination;
import org.loyaltygraph.points.EarningRulesService;
import org.loyaltygraph.security.Role;
import org.loyaltygraph.testing.AdminSessions;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.loyaltygraph.testing.StatementRecorder;
import org.loyaltygraph.testing.Storefront;
import org.loyaltygraph.testing.TestProgram;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks delivered to a real HTTP receiver on 127.0.0.1: signed, retried with growing delays,
 * FAILED after the last attempt, and replayed with the same event id. The worker runs when the test
 * calls it, and time moves with the MutableClock, never by sleeping.
 */
@LoyaltyGraphTest
class WebhookDeliveryTest {

  private static final Instant NOW = Instant.parse("2026-04-01T08:00:00Z");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired GraphQLTestClient graphql;
  @Autowired JdbcClient jdbc;
  @Autowired MutableClock clock;
  @Autowired EarningRulesService earningRules;
  @Autowired AdminSessions adminSessions;
  @Autowired WebhookDeliveryWorker worker;
  @Autowired EventProperties properties;
  @Autowired WebhookService service;
  @Autowired OutboxRepository events;
  @Autowired WebhookDeliveryRepository deliveries;
  @Autowired WebhookEndpointRepository endpoints;
  @Autowired TransactionTemplate transactions;

  private Storefront storefront;
  private Webhooks webhooks;
  private WebhookReceiver receiver;
  private String owner;

  @BeforeEach
  void aReceiverAndAnOwner() throws Exception {
    clock.set(NOW);
    TestProgram.standard(earningRules);
    storefront = new Storefront(graphql);
    webhooks = new Webhooks(graphql, jdbc);
    receiver = new WebhookReceiver();
    owner = adminSessions.bearer(Role.OWNER);
    // events other tests left in the outbox go out before this test's endpoints exist
    worker.dispatchNewEvents();
  }

  @AfterEach
  void disableTheEndpointsAndStopTheReceiver() {
    clock.set(NOW); // the owner's session lasts 12 hours from then
    webhooks.disableAll(owner);
    receiver.close();
  }

  @Test
  void aDeliveredWebhookCarriesASignatureTheReceiverCanVerify() throws Exception {
    Webhooks.Endpoint endpoint = webhooks.endpoint(owner, receiver.url(), "POINTS_EARNED");
    String customer = storefront.newCustomer();
    String orderId = storefront.buy(customer, NOW, 4_200, 1);
    String eventId = webhooks.events(customer, "points.earned").get(0).id();

    worker.runDue();

    List<WebhookReceiver.Request> got = receiver.requestsFor(eventId);
    assertThat(got).hasSize(1);
    WebhookReceiver.Request request = got.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("LoyaltyGraph-Event-Type")).isEqualTo("points.earned");
    String timestamp = request.header("LoyaltyGraph-Timestamp");
    assertThat(timestamp).isEqualTo(Long.toString(NOW.getEpochSecond()));
    // verified as a receiver would: HMAC-SHA256 of "<timestamp>.<body>" with the secret
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(endpoint.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected =
        HexFormat.of()
            .formatHex(
                mac.doFinal((timestamp + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
    assertThat(request.header("LoyaltyGraph-Signature")).isEqualTo("v1=" + expected);
    JsonNode body = JSON.readTree(request.body());
    assertThat(body.path("id").asString()).isEqualTo(eventId);
    assertThat(body.path("type").asString()).isEqualTo("points.earned");
    assertThat(body.path("customerId").asString()).isEqualTo(customer);
    assertThat(body.path("occurredAt").asString()).isEqualTo("2026-04-01T08:00:00Z");
    assertThat(body.at("/data/orderId").asString()).isEqualTo(orderId);
    assertThat(body.at("/data/points").asLong()).isEqualTo(42);
    JsonNode delivery = webhooks.deliveriesOf(owner, endpoint.id(), eventId).get(0);
    assertThat(delivery.path("status").asString()).isEqualTo("DELIVERED");
    assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
    assertThat(delivery.path("lastResponseCode").asInt()).isEqualTo(200);
    assertThat(delivery.path("deliveredAt").asString()).isEqualTo("2026-04-01T08:00:00Z");
    assertThat(delivery.path("replay").asBoolean()).isFalse();
  }

  @Test
  void anEndpointReceivesOnlyTheTypesItChose() {
    Webhooks.Endpoint tiers = webhooks.endpoint(owner, receiver.url(), "TIER_CHANGED");
    Webhooks.Endpoint points = webhooks.endpoint(owner, receiver.url(), "POINTS_EARNED");
    String customer = storefront.newCustomer();
    storefront.buy(customer, NOW, 4_200, 1);
    String eventId = webhooks.events(customer, "points.earned").get(0).id();

    worker.runDue();

    assertThat(webhooks.deliveriesOf(owner, tiers.id(), eventId)).isEmpty();
    assertThat(webhooks.deliveriesOf(owner, points.id(), eventId)).hasSize(1);
    assertThat(receiver.requestsFor(eventId)).hasSize(1);
  }

  @Test
  void aBatchOfDeliveriesIsRecordedInOneRoundTripAndOneCommit() {
    worker.runDue(); // what other tests left due goes first: this test's deliveries are one batch
    Webhooks.Endpoint endpoint = webhooks.endpoint(owner, receiver.url(), "POINTS_EARNED");
    List<String> customers = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String customer = storefront.newCustomer();
      storefront.buy(customer, NOW, 1_000 + i, 1);
      customers.add(customer);
    }

    List<String> statements = StatementRecorder.during(() -> worker.runDue());

    for (String customer : customers) {
      String eventId = webhooks.events(customer, "points.earned").get(0).id();
      assertThat(receiver.requestsFor(eventId)).hasSize(1);
      assertThat(
              webhooks.deliveriesOf(owner, endpoint.id(), eventId).get(0).path("status").asString())
          .isEqualTo("DELIVERED");
    }
    // Connector/J sends the batch of updates as one multi-statement packet
    assertThat(statements.stream().filter(sql -> sql.contains("SET status = 'DELIVERED'")))
        .hasSize(1);
  }

  @Test
  void deliveryLoopsSideBySideSendTheirOwnBatchesAndNothingTwice() throws Exception {
    worker.runDue(); // what other tests left due goes first
    // three loops of 20: 60 requests open at once to one receiver, more than the service's own
    // sender allows one route (its batch of 50, one loop), so this sender must size its pool
    EventProperties threeLoopsOf20 = concurrently(20, 3);
    try (WebhookSender ownSender = new WebhookSender(threeLoopsOf20, clock);
        WebhookReceiver slow = WebhookReceiver.slow(Duration.ofMillis(300))) {
      WebhookDeliveryWorker threeLoops =
          new WebhookDeliveryWorker(
              events, deliveries, endpoints, ownSender, transactions, threeLoopsOf20, clock);
      try {
        Webhooks.Endpoint endpoint = webhooks.endpoint(owner, slow.url(), "POINTS_EARNED");
        assertThat(endpoints.deliverable(NOW)).hasSize(1); // each loop's batch is all 20
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
          String customer = storefront.newCustomer();
          storefront.buy(customer, NOW, 1_000 + i, 1);
          customers.add(customer);
        }

        assertThat(threeLoops.runDue()).isEqualTo(60);

        for (String customer : customers) {
          String eventId = webhooks.events(customer, "points.earned").get(0).id();
          assertThat(slow.requestsFor(eventId)).hasSize(1);
          assertThat(firstDeliveryStatus(endpoint, eventId)).isEqualTo("DELIVERED");
        }
        // all three loops' batches were open at once: one loop holds at most its batch of 20, and
        // the service's own sender (pooled for one loop of 50) at most 50
        assertThat(slow.mostInFlight()).isGreaterThan(50);
      } finally {
        threeLoops.destroy();
      }
    }
  }

  @Test
  void aFailingLoopEndsTheRunOnlyOnceTheOtherLoopsHaveRecordedWhatTheySent() throws Exception {
    worker.runDue(); // what other tests left due goes first
    EventProperties twoLoopsOf10 = concurrently(10, 2);
    Thread caller = Thread.currentThread();
    try (WebhookReceiver slow = WebhookReceiver.slow(Duration.ofMillis(500));
        WebhookSender failingOnTheCaller =
            new WebhookSender(twoLoopsOf10, clock) {
              // the run's own loop fails once the other loop's batch is on its way
              @Override
              CompletableFuture<Outcome> send(String url, String secret, OutboxEvent event) {
                if (Thread.currentThread() != caller) {
                  return super.send(url, secret, event);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (slow.requests().size() < 10 && System.nanoTime() < deadline) {
                  Thread.onSpinWait();
                }
                throw new IllegalStateException("the run's own loop failed (test)");
              }
            }) {
      WebhookDeliveryWorker twoLoops =
          new WebhookDeliveryWorker(
              events, deliveries, endpoints, failingOnTheCaller, transactions, twoLoopsOf10, clock);
      try {
        Webhooks.Endpoint endpoint = webhooks.endpoint(owner, slow.url(), "POINTS_EARNED");
        assertThat(endpoints.deliverable(NOW)).hasSize(1); // each loop's batch is 10 of ours
        for (int i = 0; i < 20; i++) {
          storefront.buy(storefront.newCustomer(), NOW, 1_000 + i, 1);
        }

        assertThatThrownBy(twoLoops::runDue)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("the run's own loop failed");

        // when the run ended, the other loop's batch had been answered and recorded
        assertThat(slow.inFlight()).isZero();
        List<WebhookReceiver.Request> received = slow.requests();
        assertThat(received).hasSize(10);
        for (WebhookReceiver.Request request : received) {
          String eventId = request.header(WebhookSender.EVENT_ID);
          assertThat(firstDeliveryStatus(endpoint, eventId)).isEqualTo("DELIVERED");
        }
      } finally {
        twoLoops.destroy();
      }
    }
  }

  private String firstDeliveryStatus(Webhooks.Endpoint endpoint, String eventId) {
    return webhooks.deliveriesOf(owner, endpoint.id(), eventId).get(0).path("status").asString();
  }

  /** The service's delivery settings but for the batch size and the loops side by side. */
  private EventProperties concurrently(int batchSize, int loops) {
    EventProperties p = properties;
    return new EventProperties(
        p.scheduled(),
        p.deliveryInterval(),
        batchSize,
        loops,
        p.connectTimeout(),
        p.requestTimeout(),
        p.maxAttempts(),
        p.retryBaseDelay(),
        p.retryMaxDelay(),
        p.expiryWarningDays(),
        p.expiryWarningInterval(),
        p.retention(),
        p.retentionInterval(),
        p.allowPrivateAddresses());
  }

  /**
   * The recording transaction can be a deadlock's victim (an admin disabling an endpoint cancels
   * its pending deliveries, locking them in another order). The database raises it here through a
   * trigger that fails the first DELIVERED update with MySQL's deadlock error, once: its count is
   * kept in a MyISAM table, which the rollback does not undo.
   */
  @Test
  void aDeadlockWhileRecordingABatchRunsTheRecordingAgainAndSendsNothingTwice() {
    worker.runDue();
    Webhooks.Endpoint endpoint = webhooks.endpoint(owner, receiver.url(), "POINTS_EARNED");
    String customer = storefront.newCustomer();
    storefront.buy(customer, NOW, 2_500, 1);
    String eventId = webhooks.events(customer, "points.earned").get(0).id();
    int attempts;
    long fired;
    try {
      jdbc.sql("CREATE TABLE deadlock_once (fired INT) ENGINE = MyISAM").update();
      jdbc.sql(
              "CREATE TRIGGER deadlock_once BEFORE UPDATE ON webhook_delivery FOR EACH ROW"
                  + " BEGIN IF NEW.status = 'DELIVERED' AND OLD.status = 'PENDING'"
                  + " AND (SELECT COUNT(*) FROM deadlock_once) = 0 THEN"
                  + " INSERT INTO deadlock_once VALUES (1);"
                  + " SIGNAL SQLSTATE '40001' SET MYSQL_ERRNO = 1213,"
                  + " MESSAGE_TEXT = 'Deadlock found when trying to get lock (test)';"
                  + " END IF; END")
          .update();
      attempts = worker.runDue();
      fired = jdbc.sql("SELECT COUNT(*) FROM deadlock_once").query(Long.class).single();
    } finally {
      jdbc.sql("DROP TRIGGER IF EXISTS deadlock_once").update();
      jdbc.sql("DROP TABLE IF EXISTS deadlock_once").update();
    }

    assertThat(fired).as("the deadlock happened").isOne();
    assertThat(attempts).isOne();
    assertThat(receiver.requestsFor(eventId)).hasSize(1);
    JsonNode delivery = webhooks.deliveriesOf(owner, endpoint.id(), eventId).get(0);
    assertThat(delivery.path("status").asString()).isEqualTo("DELIVERED");
    assertThat(delivery.path("attempts").asInt()).isOne();
  }

  @Test
  void aReceiverThatAnswers500GetsTheEventAgainAfterTheBackoff() {
    Webhooks.Endpoint endpoint = webhooks.endpoint(owner, receiver.url(), "POINTS_EARNED");
    receiver.answer(500);
    String customer = storefront.newCustomer();
    storefront.buy(customer, NOW, 1_000, 1);
    String eventId = webhooks.events(customer, "points.earned").get(0).id();

    worker.runDue();
    JsonNode failed = webhooks.deliveriesOf(owner, endpoint.id(), eventId).get(0);
    worker.runDue(); // not due yet: nothing is sent
    int beforeBackoff = receiver.requestsFor(eventId).size();
    clock.set(Instant.parse(failed.path("nextAttemptAt").asString()));
    worker.runDue();

    assertThat(failed.path("status").asString()).isEqualTo("PENDING");
    assertThat(failed.path("attempts").asInt()).isEqualTo(1);
    assertThat(failed.path("lastResponseCode").asInt()).isEqualTo(500);
    assertThat(failed.path("lastError").asString()).isEqualTo("HTTP 500");
    assertThat(beforeBackoff).isEqualTo(1);
    List<WebhookReceiver.Request> got = receiver.requestsFor(eventId);
    assertThat(got).hasSize(2);
    assertThat(got.get(1).body()).isEqualTo(got.get(0).body());
    JsonNode delivered = webhooks.deliveriesOf(owner, endpoint.id(), eventId).get(0);
    assertThat(delivered.path("status").asString()).isEqualTo("DELIVERED");
    assertThat(delivered.path("attempts").asInt()).isEqualTo(2);
    assertThat(delivered.path("lastResponseCode").asInt()).isEqualTo(200);
  }

  @Test
  void aFailingReceiverIsRetriedWithGrowingDelaysThenTheDeliveryFails() {
    Webhooks.Endpoint endpoint = webhooks.endpoint(owner, receiver.url(), "POINTS_EARNED");
    int max = properties.maxAttempts();
    Integer[] always500 = new Integer[max + 5];
    java.util.Arrays.fill(always500, 500);
    receiver.answer(always500);
    String customer = storefront.newCustomer();
    storefront.buy(customer, NOW, 1_000, 1);
    String eventId = webhooks.events(customer, "points.earned").get(0).id();

    List<Duration> delays = new ArrayList<>();
    WebhookDelivery delivery = null;
    for (int attempt = 1; attempt <= max + 2; attempt++) {
      worker.runDue();
      delivery = stored(endpoint.id(), eventId).get(0);
      if (delivery.status() != WebhookDelivery.Status.PENDING) {
        break;
      }
      delays.add(Duration.between(delivery.lastAttemptAt(), delivery.nextAttemptAt()));
      clock.set(delivery.nextAttemptAt());
    }

    assertThat(delivery.status()).isEqualTo(WebhookDelivery.Status.FAILED);
    assertThat(delivery.attempts()).isEqualTo(max);
    assertThat(delivery.lastResponseCode()).isEqualTo(500);
    assertThat(receiver.requestsFor(eventId)).hasSize(max);
    assertThat(delays).hasSize(max - 1);
    for (int i = 0; i < delays.size(); i++) {
      long exponential =
          properties.retryBaseDelay().toMillis() * (1L << i); // base x 2^(attempt - 1)
      long cap = properties.retryMaxDelay().toMillis();
      assertThat(delays.get(i).toMillis())
          .as("delay after attempt %d", i + 1)
          .isBetween(Math.min(cap, exponential), Math.min(cap, (long) (exponential * 1.25)));
      if (i > 0) {
        assertThat(delays.get(i)).as("delays grow").isGreaterThan(delays.get(i - 1));
      }
    }
  }

  @Test
  void aReceiverThatDoesNotAnswerIsRetriedAndTheDeliveryRecordsWhy() throws Exception {
    String deadUrl;
    try (WebhookReceiver gone = new WebhookReceiver()) {
      deadUrl = gone.url(); // nothing listens on this port once closed
    }
    Webhooks.Endpoint endpoint = webhooks.endpoint(owner, deadUrl, "POINTS_EARNED");
    String customer = storefront.newCustomer();
    storefront.buy(customer, NOW, 1_000, 1);
    String eventId = webhooks.events(customer, "points.earned").get(0).id();

    worker.runDue();

    JsonNode delivery = webhooks.deliveriesOf(owner, endpoint.id(), eventId).get(0);
    assertThat(delivery.path("status").asString()).isEqualTo("PENDING");
    assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
    assertThat(delivery.path("lastResponseCode").isNull()).isTrue();
    assertThat(delivery.path("lastError").asString()).contains("ConnectException");
    assertThat(Instant.parse(delivery.path("nextAttemptAt").asString()))
        .isAfterOrEqualTo(NOW.plus(properties.retryBaseDelay()));
  }

  @Test
  void anEndpointThatDoesNotAnswerIsPausedAndTheOthersGoOnReceiving() throws Exception {
    String deadUrl;
    try (WebhookReceiver gone = new WebhookReceiver()) {
      deadUrl = gone.url();
    }
    Webhooks.Endpoint dead = webhooks.endpoint(owner, deadUrl, "POINTS_EARNED");
    Webhooks.Endpoint live = webhooks.endpoint(owner, receiver.url(), "POINTS_EARNED");
    String customer = storefront.newCustomer();
    storefront.buy(customer, NOW, 1_000, 1);
    worker.runDue();

    clock.advance(Duration.ofSeconds(5)); // the next run, within the dead endpoint's backoff
    storefront.buy(customer, clock.instant(), 2_000, 1);
    worker.runDue();

    List<Webhooks.Stored> events = webhooks.events(customer, "points.earned");
    assertThat(events).hasSize(2);
    String second = events.get(1).id();
    assertThat(receiver.requestsFor(events.get(0).id())).hasSize(1);
    assertThat(receiver.requestsFor(second)).hasSize(1);
    WebhookDelivery waiting = stored(dead.id(), second).get(0);
    assertThat(waiting.status()).isEqualTo(WebhookDelivery.Status.PENDING);
    assertThat(waiting.attempts()).as("not tried while the endpoint is paused").isZero();
    JsonNode endpoints =
        graphql.send(owner, Webhooks.ENDPOINTS, Map.of("first", 100)).assertNoErrors().data();
    List<String> paused = new ArrayList<>();
    endpoints
        .at("/webhookEndpoints/edges")
        .forEach(
            e -> {
              if (!e.at("/node/pausedUntil").isNull()) {
                paused.add(e.at("/node/id").asString());
              }
            });
    assertThat(paused).contains(dead.id()).doesNotContain(live.id());
  }

  @Test
  void aReplayDeliversTheEventAgainWithTheSameIdAndBody() {
    Webhooks.Endpoint endpoint = webhooks.endpoint(owner, receiver.url(), "POINTS_EARNED");
    String customer = storefront.newCustomer();
    storefront.buy(customer, NOW, 1_000, 1);
    String eventId = webhooks.events(customer, "points.earned").get(0).id();
    worker.runDue();
    clock.advance(Duration.ofHours(3));

    String key = "replay-" + java.util.UUID.randomUUID();
    Map<String, Object> input =
        Map.of("eventId", eventId, "endpointId", endpoint.id(), "idempotencyKey", key);
    JsonNode replayed =
        webhooks.replay(owner, input).assertNoErrors().data().path("webhookEventReplay");
    JsonNode again =
        webhooks.replay(owner, input).assertNoErrors().data().path("webhookEventReplay");
    worker.runDue();

    assertThat(replayed.path("userErrors").isEmpty()).isTrue();
    assertThat(replayed.path("deliveries")).hasSize(1);
    assertThat(replayed.at("/deliveries/0/replay").asBoolean()).isTrue();
    assertThat(again.at("/deliveries/0/id")).isEqualTo(replayed.at("/deliveries/0/id"));
    List<WebhookReceiver.Request> got = receiver.requestsFor(eventId);
    assertThat(got).hasSize(2); // the first delivery and one replay, not two
    assertThat(got.get(1).body()).isEqualTo(got.get(0).body());
    assertThat(got.get(1).header("LoyaltyGraph-Timestamp"))
        .isEqualTo(Long.toString(clock.instant().getEpochSecond()));
    List<JsonNode> deliveries = webhooks.deliveriesOf(owner, endpoint.id(), eventId);
    assertThat(deliveries).hasSize(2);
    assertThat(deliveries.get(1).path("status").asString()).isEqualTo("DELIVERED");
  }

  @Test
  void aFailedDeliveryCanBeReplayedToEveryEndpointOfItsType() {
    Webhooks.Endpoint endpoint = webhooks.endpoint(owner, receiver.url(), "POINTS_EARNED");
    String customer = storefront.newCustomer();
    storefront.buy(customer, NOW, 1_000, 1);
    String eventId = webhooks.events(customer, "points.earned").get(0).id();
    Integer[] always500 = new Integer[properties.maxAttempts()];
    java.util.Arrays.fill(always500, 500);
    receiver.answer(always500);
    for (int i = 0; i < properties.maxAttempts(); i++) {
      worker.runDue();
      clock.advance(properties.retryMaxDelay().multipliedBy(2));
    }
    assertThat(stored(endpoint.id(), eventId).get(0).status())
        .isEqualTo(WebhookDelivery.Status.FAILED);
    clock.set(NOW); // within the owner's session again

    JsonNode replayed =
        webhooks
            .replay(owner, Map.of("eventId", eventId))
            .assertNoErrors()
            .data()
            .path("webhookEventReplay");
    worker.runDue();

    assertThat(replayed.path("userErrors").isEmpty()).isTrue();
    List<String> endpoints = new ArrayList<>();
    replayed.path("deliveries").forEach(d -> endpoints.add(d.path("endpointId").asString()));
    assertThat(endpoints).contains(endpoint.id());
    assertThat(stored(endpoint.id(), eventId))
        .extracting(WebhookDelivery::status)
        .containsExactly(WebhookDelivery.Status.FAILED, WebhookDelivery.Status.DELIVERED);
    assertThat(receiver.requestsFor(eventId)).hasSize(properties.maxAttempts() + 1);
  }

  @Test
  void aReplayOfAnUnknownEventOrToAnUnknownEndpointIsAUserErrorAndQueuesNothing() {
    Webhooks.Endpoint endpoint = webhooks.endpoint(owner, receiver.url(), "POINTS_EARNED");
    String customer = storefront.newCustomer();
    storefront.buy(customer, NOW, 1_000, 1);
    String eventId = webhooks.events(customer, "points.earned").get(0).id();
    worker.runDue();

    JsonNode unknownEvent =
        webhooks
            .replay(owner, Map.of("eventId", java.util.UUID.randomUUID().toString()))
            .assertNoErrors()
            .data()
            .path("webhookEventReplay");
    JsonNode unknownEndpoint =
        webhooks
            .replay(owner, Map.of("eventId", eventId, "endpointId", "999999999"))
            .assertNoErrors()
            .data()
            .path("webhookEventReplay");

    assertThat(unknownEvent.at("/userErrors/0/code").asString()).isEqualTo("UNKNOWN_EVENT");
    assertThat(unknownEvent.path("deliveries").isNull()).isTrue();
    assertThat(unknownEndpoint.at("/userErrors/0/code").asString()).isEqualTo("UNKNOWN_ENDPOINT");
    assertThat(webhooks.deliveriesOf(owner, endpoint.id(), eventId)).hasSize(1);
  }

  @Test
  void disablingAnEndpointCancelsWhatItStillHadToReceive() {
    Webhooks.Endpoint endpoint = webhooks.endpoint(owner, receiver.url(), "POINTS_EARNED");
    receiver.answer(503);
    String customer = storefront.newCustomer();
    storefront.buy(customer, NOW, 1_000, 1);
    String eventId = webhooks.events(customer, "points.earned").get(0).id();
    worker.runDue();

    graphql.send(owner, Webhooks.DISABLE, Map.of("id", endpoint.id())).assertNoErrors();
    clock.advance(Duration.ofDays(1));
    worker.runDue();
    clock.set(NOW); // within the owner's session again

    JsonNode delivery = webhooks.deliveriesOf(owner, endpoint.id(), eventId).get(0);
    assertThat(delivery.path("status").asString()).isEqualTo("CANCELED");
    assertThat(receiver.requestsFor(eventId)).hasSize(1);
    JsonNode replay =
        webhooks
            .replay(owner, Map.of("eventId", eventId, "endpointId", endpoint.id()))
            .assertNoErrors()
            .data()
            .path("webhookEventReplay");
    assertThat(replay.at("/userErrors/0/code").asString()).isEqualTo("ENDPOINT_DISABLED");
  }

  /**
   * The deliveries of one event to the endpoint, oldest first, read through the service: the tests
   * that move the clock by days outlive an admin session.
   */
  private List<WebhookDelivery> stored(String endpointId, String eventId) {
    List<WebhookDelivery> of = new ArrayList<>();
    service
        .deliveries(endpointId, new Pagination.PageRequest(100, OptionalLong.empty()))
        .edges()
        .forEach(
            e -> {
              if (e.node().event().id().equals(eventId)) {
                of.add(0, e.node());
              }
            });
    return of;
  }
}
