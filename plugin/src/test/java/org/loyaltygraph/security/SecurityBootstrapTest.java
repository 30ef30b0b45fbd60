package org.loyaltygraph.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;

/**
 * The first OWNER of a fresh install. Each test empties the admin table inside its own transaction,
 * which is rolled back at the end, so the other tests' admins are untouched.
 */
@LoyaltyGraphTest
@Transactional
class SecurityBootstrapTest {

  @Autowired ApiKeyService apiKeys;
  @Autowired AdminUserService admins;
  @Autowired PasswordEncoder passwords;
  @Autowired JdbcClient jdbc;

  @Test
  void theConfiguredOwnerIsCreatedWhenThereIsNoAdminAndOnlyThen() {
    noAdmins();

    bootstrap("First@Shop.Example", "first owner password").storeBootstrapAdmin();
    bootstrap("second@shop.example", "second owner password").storeBootstrapAdmin();

    var rows = jdbc.sql("SELECT email, role, password_hash FROM admin_user").query().listOfRows();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("email")).isEqualTo("first@shop.example");
    assertThat(rows.get(0).get("role")).isEqualTo("OWNER");
    assertThat(passwords.matches("first owner password", (String) rows.get(0).get("password_hash")))
        .isTrue();
  }

  @Test
  void aBootstrapPasswordUnderTwelveCharactersStopsTheStart() {
    noAdmins();

    assertThatThrownBy(() -> bootstrap("owner@shop.example", "short").storeBootstrapAdmin())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("12 characters");
  }

  private void noAdmins() {
    jdbc.sql("DELETE FROM admin_session").update();
    jdbc.sql("DELETE FROM admin_user").update();
  }

  private SecurityBootstrap bootstrap(String email, String password) {
    return new SecurityBootstrap(
        new SecurityProperties(null, null, null, null, null, email, password, null, null, null),
        apiKeys,
        admins);
  }
}
