package org.loyaltygraph.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.springframework.beans.factory.annotation.Autowired;

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

  @Autowired GraphQLTestClient graphql;

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
