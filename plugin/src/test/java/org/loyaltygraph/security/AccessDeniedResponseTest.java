package org.loyaltygraph.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.loyaltygraph.testing.ShopperTokens;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A denied field answers with its code, its DGS error type and a message that names no one. */
@LoyaltyGraphTest
class AccessDeniedResponseTest {

  private static final String CUSTOMER = "query($id: ID!) { customer(id: $id) { id } }";

  @Autowired GraphQLTestClient graphql;
  @Autowired MutableClock clock;

  @Test
  void anAnonymousCallerIsUnauthenticated() {
    var response = graphql.send(null, CUSTOMER, Map.of("id", UUID.randomUUID().toString()));

    JsonNode error = response.errors().get(0);
    assertThat(error.at("/extensions/code").asString()).isEqualTo("UNAUTHENTICATED");
    assertThat(error.at("/extensions/errorType").asString()).isEqualTo("UNAUTHENTICATED");
    assertThat(error.at("/message").asString())
        .isEqualTo("Authentication required: send an API key or a token.");
    assertThat(error.at("/extensions/traceId").asString()).matches("[0-9a-f-]{36}");
  }

  @Test
  void aCallerWithoutThePermissionIsForbiddenWithoutBeingToldWhoMay() {
    clock.set(Instant.parse("2026-07-01T08:00:00Z"));
    String shopper = ShopperTokens.bearerFor(UUID.randomUUID().toString(), clock.instant());

    var response = graphql.send(shopper, CUSTOMER, Map.of("id", UUID.randomUUID().toString()));

    JsonNode error = response.errors().get(0);
    assertThat(error.at("/extensions/code").asString()).isEqualTo("FORBIDDEN");
    assertThat(error.at("/extensions/errorType").asString()).isEqualTo("PERMISSION_DENIED");
    assertThat(error.at("/message").asString()).isEqualTo("This caller may not use this field.");
    assertThat(response.body()).doesNotContain("Query.customer").doesNotContain("STOREFRONT");
  }
}
