package org.loyaltygraph.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.AdminSessions;
import org.loyaltygraph.testing.Concurrently;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.GraphQLTestClient.Response;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@LoyaltyGraphTest
class ApiKeyManagementTest {

  static final String CREATE =
      """
      mutation($input: ApiKeyCreateInput!) {
        apiKeyCreate(input: $input) {
          key apiKey { id name role scopes createdAt revokedAt } userErrors { field message code }
        }
      }""";
  static final String REVOKE =
      """
      mutation($id: ID!) {
        apiKeyRevoke(input: {id: $id}) {
          apiKey { id revokedAt } userErrors { field message code }
        }
      }""";
  static final String LIST = "{ apiKeys { id name role scopes createdAt revokedAt } }";
  static final String VIEWER = "{ viewer { role scopes } }";

  @Autowired GraphQLTestClient graphql;
  @Autowired AdminSessions adminSessions;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired ApiKeyService keys;
  @Autowired TransactionTemplate transactions;

  @Test
  void aPartnerKeyIsShownOnceAndHoldsExactlyItsScopes() {
    clock.set(Instant.parse("2026-03-01T09:00:00Z"));
    String owner = adminSessions.bearer(Role.OWNER);

    Response created =
        create(owner, "Partner " + UUID.randomUUID(), "PARTNER", "tiers:read", "orders:read");

    String key = created.data().at("/apiKeyCreate/key").asString();
    assertThat(key).matches("lgk_[A-Za-z0-9_-]{32}");
    assertThat(created.data().at("/apiKeyCreate/apiKey/role").asString()).isEqualTo("PARTNER");
    assertThat(created.data().at("/apiKeyCreate/apiKey/scopes").toString())
        .isEqualTo("[\"orders:read\",\"tiers:read\"]");
    String partner = "Bearer " + key;
    assertThat(graphql.send(partner, VIEWER, Map.of()).data().at("/viewer/scopes").toString())
        .isEqualTo("[\"orders:read\",\"tiers:read\"]");
    assertThat(accessCode(graphql.send(partner, "{ tiers { id } }", Map.of()))).isNull();
    assertThat(accessCode(graphql.send(partner, "{ order(id: \"o-1\") { id } }", Map.of())))
        .isNull();
    assertThat(accessCode(graphql.send(partner, "{ customer(id: \"c-1\") { id } }", Map.of())))
        .isEqualTo("FORBIDDEN");
    assertThat(accessCode(graphql.send(partner, "{ apiKeys { id } }", Map.of())))
        .isEqualTo("FORBIDDEN");
    assertThat(
            accessCode(
                graphql.send(
                    partner,
                    "mutation { tierDelete(input: {id: \"t\"}) { tier { id } } }",
                    Map.of())))
        .isEqualTo("FORBIDDEN");
  }

  @Test
  void aPartnerKeyNeedsScopesAPartnerMayHoldAndARefusalWritesNothing() {
    clock.set(Instant.parse("2026-03-01T09:00:00Z"));
    String owner = adminSessions.bearer(Role.OWNER);
    long keysBefore = countKeys();

    assertThat(code(create(owner, "p", "PARTNER"))).isEqualTo("REQUIRED");
    for (String scope :
        List.of("keys:manage", "admins:manage", "self", "anyone", "authenticated", "tiers:write")) {
      Response refused = create(owner, "p", "PARTNER", "tiers:read", scope);
      assertThat(code(refused)).as(scope).isEqualTo("INVALID");
      assertThat(refused.data().at("/apiKeyCreate/userErrors/0/field").toString())
          .isEqualTo("[\"input\",\"scopes\",\"1\"]");
      assertThat(refused.data().at("/apiKeyCreate/key").isNull()).isTrue();
    }
    assertThat(code(create(owner, "s", "STOREFRONT", "tiers:read"))).isEqualTo("INVALID");
    assertThat(code(create(owner, " ", "ROUTER"))).isEqualTo("REQUIRED");

    assertThat(countKeys()).isEqualTo(keysBefore);
  }

  @Test
  void aRevokedKeyStopsWorkingAtOnce() {
    clock.set(Instant.parse("2026-03-01T09:00:00Z"));
    String owner = adminSessions.bearer(Role.OWNER);
    Response created = create(owner, "Storefront " + UUID.randomUUID(), "STOREFRONT");
    String storefront = "Bearer " + created.data().at("/apiKeyCreate/key").asString();
    String id = created.data().at("/apiKeyCreate/apiKey/id").asString();
    assertThat(graphql.send(storefront, VIEWER, Map.of()).data().at("/viewer/role").asString())
        .isEqualTo("STOREFRONT"); // now in the cache

    clock.set(Instant.parse("2026-03-01T09:05:00Z"));
    Response revoked = graphql.send(owner, REVOKE, Map.of("id", id)).assertNoErrors();

    assertThat(revoked.data().at("/apiKeyRevoke/apiKey/revokedAt").asString())
        .isEqualTo("2026-03-01T09:05:00Z");
    assertThat(accessCode(graphql.send(storefront, VIEWER, Map.of()))).isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void revokingAnUnknownIdIsUnknownKey() {
    String owner = adminSessions.bearer(Role.OWNER);

    Response response =
        graphql.send(owner, REVOKE, Map.of("id", UUID.randomUUID().toString())).assertNoErrors();

    assertThat(response.data().at("/apiKeyRevoke/apiKey").isNull()).isTrue();
    assertThat(response.data().at("/apiKeyRevoke/userErrors/0/code").asString())
        .isEqualTo("UNKNOWN_KEY");
  }

  @Test
  void keysAreListedNewestFirstWithoutTheKeyOrItsHash() {
    String owner = adminSessions.bearer(Role.OWNER);
    clock.set(Instant.parse("2026-03-02T09:00:00Z"));
    Response older = create(owner, "older " + UUID.randomUUID(), "ROUTER");
    clock.set(Instant.parse("2026-03-02T09:00:01Z"));
    Response newer = create(owner, "newer " + UUID.randomUUID(), "PARTNER", "points:read");

    Response list = graphql.send(owner, LIST, Map.of()).assertNoErrors();

    List<String> ids = new ArrayList<>();
    list.data().at("/apiKeys").forEach(k -> ids.add(k.at("/id").asString()));
    String olderId = older.data().at("/apiKeyCreate/apiKey/id").asString();
    String newerId = newer.data().at("/apiKeyCreate/apiKey/id").asString();
    assertThat(ids).contains(olderId, newerId);
    assertThat(ids.indexOf(newerId)).isLessThan(ids.indexOf(olderId));
    for (Response created : List.of(older, newer)) {
      String key = created.data().at("/apiKeyCreate/key").asString();
      assertThat(list.body()).doesNotContain(key).doesNotContain(ApiKeyService.sha256(key));
    }
  }

  @Test
  void anAnalystOrAManagerCreatesNeitherKeysNorAdmins() {
    clock.set(Instant.parse("2026-03-03T09:00:00Z"));
    String email = "new-" + UUID.randomUUID() + "@shop.example";
    for (Role role : List.of(Role.ANALYST, Role.MANAGER)) {
      String admin = adminSessions.bearer(role);
      long keysBefore = countKeys();

      Response key = create(admin, "not allowed", "STOREFRONT");
      Response user =
          graphql.send(
              admin,
              AdminUserCreateTest.CREATE,
              Map.of(
                  "input",
                  Map.of("email", email, "password", "long enough password", "role", "OWNER")));

      assertThat(accessCode(key)).as(role.name()).isEqualTo("FORBIDDEN");
      assertThat(accessCode(user)).as(role.name()).isEqualTo("FORBIDDEN");
      assertThat(countKeys()).isEqualTo(keysBefore);
      assertThat(
              jdbc.sql("SELECT COUNT(*) FROM admin_user WHERE email = ?")
                  .param(email)
                  .query(Long.class)
                  .single())
          .isZero();
    }
  }

  @Test
  void aKeyRevokedWhileAnotherRequestUsesItIsNotRememberedAsActiveAfterTheCommit()
      throws Exception {
    ApiKeyService.IssuedKey issued =
        keys.issue("Revoked in a race " + UUID.randomUUID(), Role.STOREFRONT, Set.of());
    assertThat(keys.authenticate(issued.key())).isPresent();

    transactions.executeWithoutResult(
        status -> {
          assertThat(keys.revoke(issued.id()).userErrors()).isEmpty();
          // another request with the key before the revocation commits still gets in
          assertThat(authenticateOnAnotherThread(issued.key())).isPresent();
        });

    assertThat(keys.authenticate(issued.key())).isEmpty();
  }

  private Optional<Caller> authenticateOnAnotherThread(String key) {
    try {
      return Concurrently.onAnotherThread(() -> keys.authenticate(key));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private Response create(String bearer, String name, String role, String... scopes) {
    Map<String, Object> input = new HashMap<>();
    input.put("name", name);
    input.put("role", role);
    if (scopes.length > 0 || role.equals("PARTNER")) {
      input.put("scopes", List.of(scopes));
    }
    return graphql.send(bearer, CREATE, Map.of("input", input));
  }

  private long countKeys() {
    return jdbc.sql("SELECT COUNT(*) FROM api_key").query(Long.class).single();
  }

  private static String code(Response response) {
    return response.data().at("/apiKeyCreate/userErrors/0/code").asString(null);
  }

  /** The refusal code of the first error, or null when the field was let through. */
  static String accessCode(Response response) {
    for (var error : response.errors()) {
      String code = error.at("/extensions/code").asString("");
      if (code.equals("FORBIDDEN") || code.equals("UNAUTHENTICATED")) {
        return code;
      }
    }
    return null;
  }
}
