package org.loyaltygraph.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.security.ApiKeyService;
import org.loyaltygraph.security.Permission;
import org.loyaltygraph.security.Role;
import org.loyaltygraph.testing.AdminSessions;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.GraphQLTestClient.Response;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.loyaltygraph.testing.ShopperTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Who may manage webhooks, what an endpoint accepts, and that its secret is shown only once. */
@LoyaltyGraphTest
class WebhookAdminTest {

  private static final String URL = "https://hooks.shop.example/loyalty";

  @Autowired GraphQLTestClient graphql;
  @Autowired JdbcClient jdbc;
  @Autowired MutableClock clock;
  @Autowired AdminSessions adminSessions;
  @Autowired ApiKeyService apiKeys;

  private Webhooks webhooks;
  private String owner;

  @BeforeEach
  void anOwner() {
    clock.set(java.time.Instant.parse("2026-05-01T09:00:00Z"));
    webhooks = new Webhooks(graphql, jdbc);
    owner = adminSessions.bearer(Role.OWNER);
  }

  @AfterEach
  void disableTheEndpoints() {
    webhooks.disableAll(owner);
  }

  @Test
  void theSecretIsShownOnceAndNeverListed() {
    Response created = webhooks.create(owner, URL, "POINTS_EARNED", "TIER_CHANGED");

    JsonNode payload = created.assertNoErrors().data().path("webhookEndpointCreate");
    String secret = payload.path("secret").asString();
    assertThat(secret).matches("whsec_[A-Za-z0-9_-]{43}");
    assertThat(payload.at("/endpoint/url").asString()).isEqualTo(URL);
    assertThat(payload.at("/endpoint/eventTypes").toString())
        .isEqualTo("[\"POINTS_EARNED\",\"TIER_CHANGED\"]");
    assertThat(payload.at("/endpoint/enabled").asBoolean()).isTrue();
    String id = payload.at("/endpoint/id").asString();
    String analyst = adminSessions.bearer(Role.ANALYST);
    List<JsonNode> listed = allEndpoints(analyst);
    assertThat(listed).anyMatch(e -> e.path("id").asString().equals(id));
    for (String reader : List.of(owner, analyst)) {
      assertThat(graphql.send(reader, Webhooks.ENDPOINTS, Map.of("first", 100)).body())
          .doesNotContain(secret);
    }
  }

  @Test
  void onlyHttpAndHttpsUrlsAreAcceptedAndARefusalWritesNothing() {
    long before = endpoints();
    for (String url :
        List.of(
            "ftp://hooks.shop.example/x",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "hooks.shop.example/no-scheme",
            "http://",
            "https://user:pass@hooks.shop.example/x",
            "not a url")) {
      JsonNode payload =
          webhooks
              .create(owner, url, "POINTS_EARNED")
              .assertNoErrors()
              .data()
              .path("webhookEndpointCreate");
      assertThat(payload.at("/userErrors/0/code").asString()).as(url).isEqualTo("INVALID_URL");
      assertThat(payload.at("/userErrors/0/field").toString()).isEqualTo("[\"input\",\"url\"]");
      assertThat(payload.path("secret").isNull()).isTrue();
      assertThat(payload.path("endpoint").isNull()).isTrue();
    }
    JsonNode noTypes = webhooks.create(owner, URL).data().path("webhookEndpointCreate");
    assertThat(noTypes.at("/userErrors/0/code").asString()).isEqualTo("REQUIRED");
    assertThat(endpoints()).isEqualTo(before);
  }

  @Test
  void disablingIsIdempotentAndAnUnknownIdIsAUserError() {
    String id = webhooks.endpoint(owner, URL, "POINTS_EARNED").id();

    JsonNode first = disable(owner, id);
    JsonNode again = disable(owner, id);
    JsonNode unknown = disable(owner, "not-an-id");

    assertThat(first.at("/endpoint/enabled").asBoolean()).isFalse();
    assertThat(first.at("/endpoint/disabledAt").asString()).isEqualTo("2026-05-01T09:00:00Z");
    assertThat(again.at("/endpoint/disabledAt")).isEqualTo(first.at("/endpoint/disabledAt"));
    assertThat(unknown.at("/userErrors/0/code").asString()).isEqualTo("UNKNOWN_ENDPOINT");
  }

  @Test
  void ownersAndManagersManageWebhooksAnalystsOnlyReadThemAndNoOtherCallerTouchesThem() {
    String manager = adminSessions.bearer(Role.MANAGER);
    String analyst = adminSessions.bearer(Role.ANALYST);
    String storefront = "Bearer " + GraphQLTestClient.STOREFRONT_KEY;
    String shopper = ShopperTokens.bearerFor("c-" + UUID.randomUUID(), clock.instant());
    String partner =
        "Bearer "
            + apiKeys
                .issue("hooks partner", Role.PARTNER, EnumSet.of(Permission.PROGRAM_READ))
                .key();
    long before = endpoints();

    String byManager = webhooks.endpoint(manager, URL, "TIER_CHANGED").id();
    for (String denied : List.of(analyst, storefront, shopper, partner)) {
      assertThat(accessCode(webhooks.create(denied, URL, "TIER_CHANGED"))).isEqualTo("FORBIDDEN");
      assertThat(accessCode(graphql.send(denied, Webhooks.DISABLE, Map.of("id", byManager))))
          .isEqualTo("FORBIDDEN");
      assertThat(accessCode(webhooks.replay(denied, Map.of("eventId", "x"))))
          .isEqualTo("FORBIDDEN");
    }
    for (String reader : List.of(owner, manager, analyst)) {
      assertThat(accessCode(graphql.send(reader, Webhooks.ENDPOINTS, Map.of("first", 10))))
          .isNull();
      assertThat(accessCode(graphql.send(reader, Webhooks.DELIVERIES, Map.of("id", byManager))))
          .isNull();
    }
    for (String denied : List.of(storefront, shopper, partner)) {
      assertThat(accessCode(graphql.send(denied, Webhooks.ENDPOINTS, Map.of("first", 10))))
          .isEqualTo("FORBIDDEN");
      assertThat(accessCode(graphql.send(denied, Webhooks.DELIVERIES, Map.of("id", byManager))))
          .isEqualTo("FORBIDDEN");
    }
    assertThat(accessCode(graphql.send(null, Webhooks.ENDPOINTS, Map.of("first", 10))))
        .isEqualTo("UNAUTHENTICATED");
    assertThat(endpoints()).isEqualTo(before + 1);
  }

  @Test
  void aPartnerKeyCannotCarryTheWebhookScopes() {
    for (String scope : List.of("webhooks:manage", "webhooks:read")) {
      Response refused =
          graphql.send(
              owner,
              "mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) {"
                  + " key userErrors { code } } }",
              Map.of("input", Map.of("name", "p", "role", "PARTNER", "scopes", List.of(scope))));

      assertThat(refused.data().at("/apiKeyCreate/userErrors/0/code").asString())
          .as(scope)
          .isEqualTo("INVALID");
      assertThat(refused.data().at("/apiKeyCreate/key").isNull()).isTrue();
    }
  }

  @Test
  void endpointsArePagedNewestFirst() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(webhooks.endpoint(owner, URL + "/" + i, "POINTS_EARNED").id());
    }

    JsonNode firstPage =
        graphql
            .send(owner, Webhooks.ENDPOINTS, Map.of("first", 2))
            .assertNoErrors()
            .data()
            .path("webhookEndpoints");
    JsonNode secondPage =
        graphql
            .send(
                owner,
                Webhooks.ENDPOINTS,
                Map.of("first", 1, "after", firstPage.at("/pageInfo/endCursor").asString()))
            .assertNoErrors()
            .data()
            .path("webhookEndpoints");

    assertThat(firstPage.at("/edges/0/node/id").asString()).isEqualTo(ids.get(2));
    assertThat(firstPage.at("/edges/1/node/id").asString()).isEqualTo(ids.get(1));
    assertThat(firstPage.at("/pageInfo/hasNextPage").asBoolean()).isTrue();
    assertThat(secondPage.at("/edges/0/node/id").asString()).isEqualTo(ids.get(0));
  }

  private JsonNode disable(String bearer, String id) {
    return graphql
        .send(bearer, Webhooks.DISABLE, Map.of("id", id))
        .assertNoErrors()
        .data()
        .path("webhookEndpointDisable");
  }

  private List<JsonNode> allEndpoints(String bearer) {
    List<JsonNode> all = new ArrayList<>();
    graphql
        .send(bearer, Webhooks.ENDPOINTS, Map.of("first", 100))
        .assertNoErrors()
        .data()
        .at("/webhookEndpoints/edges")
        .forEach(e -> all.add(e.path("node")));
    return all;
  }

  private long endpoints() {
    return jdbc.sql("SELECT COUNT(*) FROM webhook_endpoint").query(Long.class).single();
  }

  /** The refusal code of the first error, or null when the field was let through. */
  private static String accessCode(Response response) {
    for (JsonNode error : response.errors()) {
      String code = error.at("/extensions/code").asString("");
      if (code.equals("FORBIDDEN") || code.equals("UNAUTHENTICATED")) {
        return code;
      }
    }
    return null;
  }
}
