package org.loyaltygraph.testing;

import java.util.Locale;
import java.util.UUID;
import org.loyaltygraph.security.AdminLoginResult;
import org.loyaltygraph.security.AdminSessionService;
import org.loyaltygraph.security.AdminUserResult;
import org.loyaltygraph.security.AdminUserService;
import org.loyaltygraph.security.Role;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * Admin sessions for tests: creates a fresh admin of a role (random e-mail) through the service and
 * logs it in. The session expires 12 hours after the MutableClock's time at login, so set the clock
 * first. Each call costs two BCrypt hashes (about half a second).
 */
public class AdminSessions {

  private final AdminUserService admins;
  private final AdminSessionService sessions;

  public AdminSessions(AdminUserService admins, AdminSessionService sessions) {
    this.admins = admins;
    this.sessions = sessions;
  }

  /** {@code Authorization} header value of a new admin of this role: {@code Bearer lga_...}. */
  public String bearer(Role role) {
    return login(role).bearer();
  }

  /** A new admin of this role (OWNER, MANAGER or ANALYST), logged in. */
  public Session login(Role role) {
    String email = role.name().toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID() + "@test.example";
    String password = "password-" + UUID.randomUUID();
    AdminUserResult created = admins.create(email, password, role);
    if (created.admin() == null) {
      throw new IllegalStateException("admin not created: " + created.userErrors());
    }
    AdminLoginResult login = sessions.login(email, password);
    if (login.token() == null) {
      throw new IllegalStateException("admin login refused: " + login.userErrors());
    }
    return new Session(email, password, login.token());
  }

  /** An admin's login and session; {@code token} is {@code lga_...}. */
  public record Session(String email, String password, String token) {

    public String bearer() {
      return "Bearer " + token;
    }
  }

  @TestConfiguration(proxyBeanMethods = false)
  public static class Configuration {

    @Bean
    @Lazy
    AdminSessions adminSessions(AdminUserService admins, AdminSessionService sessions) {
      return new AdminSessions(admins, sessions);
    }
  }
}
