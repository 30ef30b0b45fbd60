package org.loyaltygraph.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.AdminSessions;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Keys, session tokens and passwords are shown once and kept only as hashes. */
@LoyaltyGraphTest
class StoredCredentialsTest {

  @Autowired GraphQLTestClient graphql;
  @Autowired AdminSessions adminSessions;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;

  @Test
  void theDatabaseHoldsHashesOnlyNeverAKeyATokenOrAPassword() {
    clock.set(Instant.parse("2026-06-01T09:00:00Z"));
    AdminSessions.Session owner = adminSessions.login(Role.OWNER);
    String key =
        graphql
            .send(
                owner.bearer(),
                ApiKeyManagementTest.CREATE,
                Map.of(
                    "input", Map.of("name", "hash check " + UUID.randomUUID(), "role", "ROUTER")))
            .data()
            .at("/apiKeyCreate/key")
            .asString();

    String everything =
        String.join("\n", dump("api_key"), dump("admin_user"), dump("admin_session"));

    assertThat(key).startsWith("lgk_");
    assertThat(everything)
        .contains(ApiKeyService.sha256(key), ApiKeyService.sha256(owner.token()))
        .doesNotContain(key)
        .doesNotContain(key.substring(4))
        .doesNotContain(owner.token())
        .doesNotContain(owner.token().substring(4))
        .doesNotContain(owner.password())
        .doesNotContain(GraphQLTestClient.STOREFRONT_KEY);
    String passwordHash =
        jdbc.sql("SELECT password_hash FROM admin_user WHERE email = ?")
            .param(owner.email())
            .query(String.class)
            .single();
    assertThat(passwordHash).startsWith("$2a$12$");
  }

  /** Every column of every row, as text. */
  private String dump(String table) {
    List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM " + table).query().listOfRows();
    return rows.stream().map(Object::toString).reduce("", (a, b) -> a + "\n" + b);
  }
}
