package org.loyaltygraph.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@LoyaltyGraphTest
class CustomerUpsertTest {

  private static final String UPSERT =
      """
      mutation($input: CustomerUpsertInput!) {
        customerUpsert(input: $input) {
          customer { id profile { email timeZone } }
          userErrors { field message code }
        }
      }""";
  private static final String READ =
      "query($id: ID!) { customer(id: $id) { id profile { email firstName } } }";

  private static final String UPSERT_WITH_TIMES =
      """
      mutation($input: CustomerUpsertInput!) {
        customerUpsert(input: $input) {
          customer { id profile { email firstName timeZone createdAt updatedAt } }
          userErrors { code }
        }
      }""";

  @Autowired GraphQLTestClient graphql;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;

  @Test
  void upsertedCustomerIsReadBackByItsStorefrontId() {
    String id = "c-" + UUID.randomUUID();
    var created =
        graphql
            .storefront(UPSERT, Map.of("input", Map.of("id", id, "email", "ann@example.com")))
            .assertNoErrors();
    assertThat(created.data().at("/customerUpsert/customer/id").asString()).isEqualTo(id);
    assertThat(created.data().at("/customerUpsert/customer/profile/timeZone").asString())
        .isEqualTo("UTC");
    assertThat(created.data().at("/customerUpsert/userErrors").size()).isZero();

    graphql.storefront(
        UPSERT, Map.of("input", Map.of("id", id, "email", "ann@example.com", "firstName", "Ann")));

    var read = graphql.storefront(READ, Map.of("id", id)).assertNoErrors();
    assertThat(read.data().at("/customer/profile/firstName").asString()).isEqualTo("Ann");
  }

  @Test
  void theSameProfileAgainIsAReplayAndOtherContentUpdatesIt() {
    String id = "c-" + UUID.randomUUID();
    Map<String, Object> profile =
        Map.of("id", id, "email", "bea@example.com", "firstName", "Bea", "timeZone", "Europe/Rome");
    JsonNode first =
        graphql.storefront(UPSERT_WITH_TIMES, Map.of("input", profile)).assertNoErrors().data();

    clock.advance(Duration.ofMinutes(5));
    JsonNode replay =
        graphql.storefront(UPSERT_WITH_TIMES, Map.of("input", profile)).assertNoErrors().data();

    assertThat(replay).isEqualTo(first);
    assertThat(storedUpdatedAt(id))
        .isEqualTo(first.at("/customerUpsert/customer/profile/updatedAt").asString());

    clock.advance(Duration.ofMinutes(5));
    Map<String, Object> moved = new HashMap<>(profile);
    moved.put("email", "bea@example.org");
    JsonNode update =
        graphql.storefront(UPSERT_WITH_TIMES, Map.of("input", moved)).assertNoErrors().data();

    JsonNode customer = update.at("/customerUpsert/customer");
    assertThat(update.at("/customerUpsert/userErrors").size()).isZero();
    assertThat(customer.at("/profile/email").asString()).isEqualTo("bea@example.org");
    assertThat(customer.at("/profile/firstName").asString()).isEqualTo("Bea");
    assertThat(customer.at("/profile/createdAt"))
        .isEqualTo(first.at("/customerUpsert/customer/profile/createdAt"));
    assertThat(Instant.parse(customer.at("/profile/updatedAt").asString()))
        .isAfter(Instant.parse(first.at("/customerUpsert/customer/profile/updatedAt").asString()));
  }

  private String storedUpdatedAt(String id) {
    return jdbc.sql("SELECT updated_at FROM customer WHERE id = ?")
        .param(id)
        .query((rs, n) -> rs.getTimestamp(1).toInstant().toString())
        .single();
  }

  @Test
  void badTimeZoneIsAUserErrorAndWritesNothing() {
    String id = "c-" + UUID.randomUUID();
    var response =
        graphql
            .storefront(UPSERT, Map.of("input", Map.of("id", id, "timeZone", "Mars/Olympus")))
            .assertNoErrors();
    assertThat(response.data().at("/customerUpsert/customer").isNull()).isTrue();
    assertThat(response.data().at("/customerUpsert/userErrors/0/code").asString())
        .isEqualTo("INVALID_TIME_ZONE");
    assertThat(graphql.storefront(READ, Map.of("id", id)).data().at("/customer").isNull()).isTrue();
  }

  @Test
  void overlongNamesAreUserErrorsNotDatabaseFailures() {
    String id = "c-" + UUID.randomUUID();
    var response =
        graphql
            .storefront(UPSERT, Map.of("input", Map.of("id", id, "firstName", "x".repeat(201))))
            .assertNoErrors();
    assertThat(response.data().at("/customerUpsert/userErrors/0/code").asString())
        .isEqualTo("INVALID");
    assertThat(response.data().at("/customerUpsert/userErrors/0/field/1").asString())
        .isEqualTo("firstName");
  }

  @Test
  void anonymousCallerIsRefusedWithoutInternals() {
    var response = graphql.send(null, READ, Map.of("id", "anyone"));
    assertThat(response.errors().get(0).at("/extensions/code").asString())
        .isEqualTo("UNAUTHENTICATED");
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
  }
}
