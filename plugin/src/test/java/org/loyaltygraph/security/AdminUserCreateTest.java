package org.loyaltygraph.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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
import tools.jackson.databind.JsonNode;

@LoyaltyGraphTest
class AdminUserCreateTest {

  static final String CREATE =
      """
      mutation($input: AdminUserCreateInput!) {
        adminUserCreate(input: $input) {
          admin { email role } userErrors { field message code }
        }
      }""";

  @Autowired GraphQLTestClient graphql;
  @Autowired AdminSessions adminSessions;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;

  @Test
  void anOwnerCreatesAnAdminWhoCanThenLogIn() {
    clock.set(Instant.parse("2026-04-01T09:00:00Z"));
    String owner = adminSessions.bearer(Role.OWNER);
    String email = "analyst-" + UUID.randomUUID() + "@shop.example";

    Response created = create(owner, email, "twelve chars", "ANALYST").assertNoErrors();

    assertThat(created.data().at("/adminUserCreate/admin/email").asString()).isEqualTo(email);
    assertThat(created.data().at("/adminUserCreate/admin/role").asString()).isEqualTo("ANALYST");
    Response login =
        graphql.send(
            null,
            AdminLoginTest.LOGIN,
            Map.of("input", Map.of("email", email, "password", "twelve chars")));
    assertThat(login.data().at("/adminLogin/admin/role").asString()).isEqualTo("ANALYST");
  }

  @Test
  void aTakenEmailIsDuplicateWhateverItsCase() {
    clock.set(Instant.parse("2026-04-01T09:00:00Z"));
    String owner = adminSessions.bearer(Role.OWNER);
    String email = "manager-" + UUID.randomUUID() + "@shop.example";
    create(owner, email, "a long password", "MANAGER").assertNoErrors();

    Response again = create(owner, email.toUpperCase(), "another long password", "OWNER");

    assertThat(code(again)).isEqualTo("DUPLICATE");
    assertThat(again.data().at("/adminUserCreate/admin").isNull()).isTrue();
    assertThat(adminsWithEmail(email)).isEqualTo(1);
  }

  @Test
  void twoCreationsOfOneEmailAtOnceMakeOneAdminAndOneDuplicate() throws Exception {
    clock.set(Instant.parse("2026-04-01T09:00:00Z"));
    String owner = adminSessions.bearer(Role.OWNER);
    String email = "raced-" + UUID.randomUUID() + "@shop.example";

    // both pass the look-up by e-mail while the other hashes its password: the unique key decides
    List<JsonNode> results =
        Concurrently.all(
            2,
            2,
            i ->
                create(owner, email, "a long password " + i, i == 0 ? "MANAGER" : "ANALYST")
                    .data());

    assertThat(results)
        .extracting(r -> r.at("/adminUserCreate/userErrors/0/code").asString(null))
        .containsExactlyInAnyOrder(null, "DUPLICATE");
    assertThat(adminsWithEmail(email)).isEqualTo(1);
  }

  @Test
  void aPasswordUnderTwelveCharactersOrABadEmailIsInvalidAndWritesNothing() {
    String owner = adminSessions.bearer(Role.OWNER);
    String email = "short-" + UUID.randomUUID() + "@shop.example";

    assertThat(code(create(owner, email, "eleven char", "OWNER"))).isEqualTo("INVALID");
    assertThat(code(create(owner, email, "", "OWNER"))).isEqualTo("REQUIRED");
    assertThat(code(create(owner, email, "é".repeat(40), "OWNER"))).isEqualTo("INVALID");
    assertThat(code(create(owner, "not-an-email", "a long password", "OWNER")))
        .isEqualTo("INVALID");
    assertThat(adminsWithEmail(email)).isZero();
  }

  private Response create(String bearer, String email, String password, String role) {
    return graphql.send(
        bearer,
        CREATE,
        Map.of("input", Map.of("email", email, "password", password, "role", role)));
  }

  private long adminsWithEmail(String email) {
    return jdbc.sql("SELECT COUNT(*) FROM admin_user WHERE email = ?")
        .param(email)
        .query(Long.class)
        .single();
  }

  private static String code(Response response) {
    return response.data().at("/adminUserCreate/userErrors/0/code").asString(null);
  }
}
