package org.loyaltygraph.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.graphql.dgs.client.codegen.GraphQLQueryRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.schema.client.CustomerUpsertGraphQLQuery;
import org.loyaltygraph.schema.client.CustomerUpsertProjectionRoot;
import org.loyaltygraph.testing.Concurrently;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Storefront webhooks arrive out of order: an update carrying the storefront's {@code updatedAt}
 * that is older than the stored one writes nothing and answers {@code stale: true}.
 */
@LoyaltyGraphTest
class CustomerUpsertOrderTest {

  @Autowired GraphQLTestClient graphql;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;

  private String id;
  private Instant t0;

  @BeforeEach
  void aNewCustomerIdAndATimeOfTheStorefrontsInThePast() {
    id = "c-" + UUID.randomUUID();
    t0 = Instant.parse("2025-11-03T08:15:30.123456Z");
  }

  private JsonNode upsert(Map<String, Object> input) {
    var payload = new CustomerUpsertProjectionRoot<>().stale();
    payload.customer().id().profile().email().firstName().updatedAt().storefrontUpdatedAt();
    payload.userErrors().field().code();
    return graphql
        .storefront(
            new GraphQLQueryRequest(
                CustomerUpsertGraphQLQuery.newRequest().inputReference("in").build(), payload),
            Map.of("in", input))
        .assertNoErrors()
        .data()
        .path("customerUpsert");
  }

  private Map<String, Object> profile(String email, Instant updatedAt) {
    Map<String, Object> input = new HashMap<>();
    input.put("id", id);
    input.put("email", email);
    input.put("firstName", "Ada");
    if (updatedAt != null) {
      input.put("updatedAt", updatedAt.toString());
    }
    return input;
  }

  /** The whole stored row, this service's times included. */
  private Map<String, Object> storedRow() {
    return jdbc.sql(
            "SELECT email, first_name, time_zone, created_at, updated_at, storefront_updated_at"
                + " FROM customer WHERE id = ?")
        .param(id)
        .query()
        .singleRow();
  }

  @Test
  void anOlderUpdateAfterANewerOneWritesNothingAndAnswersTheStoredCustomer() {
    upsert(profile("new@example.com", t0.plusSeconds(60)));
    Map<String, Object> stored = storedRow();
    clock.advance(Duration.ofMinutes(1));

    JsonNode older = upsert(profile("old@example.com", t0));

    assertThat(older.path("stale").asBoolean()).isTrue();
    assertThat(older.path("userErrors").isEmpty()).isTrue();
    assertThat(older.at("/customer/id").asString()).isEqualTo(id);
    assertThat(older.at("/customer/profile/email").asString()).isEqualTo("new@example.com");
    assertThat(older.at("/customer/profile/storefrontUpdatedAt").asString())
        .isEqualTo(t0.plusSeconds(60).toString());
    assertThat(storedRow()).isEqualTo(stored);
  }

  @Test
  void aNewerUpdateAfterAnOlderOneIsApplied() {
    JsonNode first = upsert(profile("old@example.com", t0));
    clock.advance(Duration.ofMinutes(1));

    // finer than a microsecond: kept to the microsecond, as every stored time
    JsonNode newer = upsert(profile("new@example.com", t0.plusNanos(1_000_999)));

    assertThat(first.path("stale").asBoolean()).isFalse();
    assertThat(newer.path("stale").asBoolean()).isFalse();
    assertThat(newer.path("userErrors").isEmpty()).isTrue();
    assertThat(newer.at("/customer/profile/email").asString()).isEqualTo("new@example.com");
    assertThat(newer.at("/customer/profile/storefrontUpdatedAt").asString())
        .isEqualTo(t0.plusNanos(1_000_000).toString());
    assertThat(Instant.parse(newer.at("/customer/profile/updatedAt").asString()))
        .isAfter(Instant.parse(first.at("/customer/profile/updatedAt").asString()));
  }

  @Test
  void withoutUpdatedAtTheLatestCallWinsAndTheStoredTimeStaysForTheNextOne() {
    JsonNode untimed = upsert(profile("first@example.com", null));
    assertThat(untimed.at("/customer/profile/storefrontUpdatedAt").isNull()).isTrue();
    upsert(profile("timed@example.com", t0));

    JsonNode again = upsert(profile("untimed@example.com", null));
    JsonNode olderThanTheStoredTime = upsert(profile("older@example.com", t0.minusSeconds(1)));

    assertThat(again.path("stale").asBoolean()).isFalse();
    assertThat(again.at("/customer/profile/email").asString()).isEqualTo("untimed@example.com");
    assertThat(again.at("/customer/profile/storefrontUpdatedAt").asString())
        .isEqualTo(t0.toString());
    assertThat(olderThanTheStoredTime.path("stale").asBoolean()).isTrue();
    assertThat(storedRow().get("email")).isEqualTo("untimed@example.com");
  }

  @Test
  void theSameTimeWithAnotherProfileIsAnUpdateAndTheSameProfileAgainIsAReplay() {
    upsert(profile("one@example.com", t0));
    clock.advance(Duration.ofMinutes(1));

    JsonNode sameTime = upsert(profile("two@example.com", t0));
    Map<String, Object> stored = storedRow();
    clock.advance(Duration.ofMinutes(1));
    JsonNode replay = upsert(profile("two@example.com", t0));

    assertThat(sameTime.path("stale").asBoolean()).isFalse();
    assertThat(sameTime.at("/customer/profile/email").asString()).isEqualTo("two@example.com");
    assertThat(replay.path("stale").asBoolean()).isFalse();
    assertThat(replay).isEqualTo(sameTime);
    assertThat(storedRow()).isEqualTo(stored);
  }

  @Test
  void theSameProfileWithANewerTimeKeepsTheProfileButMovesTheTimeSoAnUpdateInBetweenIsStale() {
    // the storefront changed the e-mail at t0 + 1 s and changed it back at t0 + 2 s; the webhook
    // of the change arrives last
    JsonNode first = upsert(profile("a@example.com", t0));
    clock.advance(Duration.ofMinutes(1));
    JsonNode changedBack = upsert(profile("a@example.com", t0.plusSeconds(2)));
    JsonNode change = upsert(profile("b@example.com", t0.plusSeconds(1)));

    assertThat(changedBack.path("stale").asBoolean()).isFalse();
    assertThat(changedBack.at("/customer/profile/updatedAt"))
        .isEqualTo(first.at("/customer/profile/updatedAt"));
    assertThat(changedBack.at("/customer/profile/storefrontUpdatedAt").asString())
        .isEqualTo(t0.plusSeconds(2).toString());
    assertThat(change.path("stale").asBoolean()).isTrue();
    assertThat(storedRow().get("email")).isEqualTo("a@example.com");
  }

  @Test
  void concurrentUpdatesInAnyOrderLeaveTheNewestStored() throws Exception {
    Random random = new Random(20261130);
    for (int round = 0; round < 6; round++) {
      id = "c-" + UUID.randomUUID();
      if (round > 0) {
        // the usual case: the customer is known, and each update reads it before it writes
        upsert(profile("base@example.com", t0.minusSeconds(3600)));
      }
      List<JsonNode> answers =
          Concurrently.inShuffledOrder(
              20,
              random,
              version -> upsert(profile("v" + version + "@example.com", t0.plusSeconds(version))));

      assertThat(answers).allSatisfy(a -> assertThat(a.path("userErrors").isEmpty()).isTrue());
      assertThat(answers)
          .allSatisfy(a -> assertThat(a.at("/customer/id").asString()).isEqualTo(id));
      Map<String, Object> stored = storedRow();
      assertThat(stored.get("email")).isEqualTo("v19@example.com");
      assertThat(stored.get("storefront_updated_at"))
          .isEqualTo(LocalDateTime.ofInstant(t0.plusSeconds(19), ZoneOffset.UTC));
      // the newest is never stale, whenever it ran
      assertThat(answers.get(19).path("stale").asBoolean()).isFalse();
    }
  }

  @Test
  void badInputIsAUserErrorAndWritesNothingWhateverItsTime() {
    JsonNode future = upsert(profile("f@example.com", clock.instant().plus(Duration.ofDays(2))));
    JsonNode beforeEpoch = upsert(profile("e@example.com", Instant.parse("1969-12-31T23:59:59Z")));

    assertThat(future.at("/customer").isNull()).isTrue();
    assertThat(future.at("/userErrors/0/code").asString()).isEqualTo("INVALID");
    assertThat(future.at("/userErrors/0/field").toString()).isEqualTo("[\"input\",\"updatedAt\"]");
    assertThat(future.path("stale").asBoolean()).isFalse();
    assertThat(beforeEpoch.at("/userErrors/0/code").asString()).isEqualTo("INVALID");
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM customer WHERE id = ?")
                .param(id)
                .query(Long.class)
                .single())
        .isZero();

    upsert(profile("kept@example.com", t0));
    Map<String, Object> stored = storedRow();
    Map<String, Object> badZone = profile("other@example.com", t0.plusSeconds(1));
    badZone.put("timeZone", "Mars/Olympus");
    JsonNode refused = upsert(badZone);
    var notADateTime =
        graphql.storefront(
            "mutation($in: CustomerUpsertInput!) { customerUpsert(input: $in) { stale } }",
            Map.of("in", Map.of("id", id, "email", "x@example.com", "updatedAt", "yesterday")));

    assertThat(refused.at("/userErrors/0/code").asString()).isEqualTo("INVALID_TIME_ZONE");
    assertThat(notADateTime.errors().isEmpty()).isFalse();
    assertThat(storedRow()).isEqualTo(stored);
  }
}
