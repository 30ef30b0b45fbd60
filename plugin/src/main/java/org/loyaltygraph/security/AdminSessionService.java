package org.loyaltygraph.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.loyaltygraph.graphql.UserError;
import org.loyaltygraph.security.AdminSessionRepository.AdminSession;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Admin logins and their session tokens. A login always spends one password hash, for known and
 * unknown e-mails alike, so that its timing does not tell which e-mails exist; failures are counted
 * per e-mail in the database, so the lockout holds across instances.
 */
@Service
public class AdminSessionService {

  public static final String TOKEN_PREFIX = "lga_";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_EMAIL_LENGTH = 320;

  private final AdminUserRepository admins;
  private final AdminSessionRepository sessions;
  private final PasswordEncoder passwords;
  private final SecurityProperties properties;
  private final Clock clock;
  private final String unknownUserHash;
  private final Cache<String, Optional<AdminSession>> byHash =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(30)).build();

  AdminSessionService(
      AdminUserRepository admins,
      AdminSessionRepository sessions,
      PasswordEncoder passwords,
      SecurityProperties properties,
      Clock clock) {
    this.admins = admins;
    this.sessions = sessions;
    this.passwords = passwords;
    this.properties = properties;
    this.clock = clock;
    this.unknownUserHash = passwords.encode(UUID.randomUUID().toString());
  }

  /** Checks the password and opens a session, or refuses without saying which part is wrong. */
  public AdminLoginResult login(String email, String password) {
    String login = AdminUserService.normalize(email);
    String candidate = password == null ? "" : password;
    Instant now = clock.instant();
    if (login.isEmpty() || login.length() > MAX_EMAIL_LENGTH) {
      passwords.matches(candidate, unknownUserHash); // no such admin can exist: same cost, no count
      return AdminLoginResult.refused(invalidCredentials());
    }
    // The attempt is counted before the password is checked, so parallel guesses count too.
    long attempt = sessions.recordAttempt(login, now);
    if (sessions.countAttemptsSince(login, now.minus(properties.loginFailureWindow()))
        > properties.loginMaxFailures()) {
      sessions.deleteAttempt(attempt); // a refused attempt does not prolong the lockout
      return AdminLoginResult.refused(
          UserError.of("LOCKED_OUT", "Too many failed logins; try again later."));
    }
    Optional<AdminUser> admin = admins.findByEmail(login);
    boolean matches =
        passwords.matches(candidate, admin.map(AdminUser::passwordHash).orElse(unknownUserHash));
    if (admin.isEmpty() || !matches) {
      return AdminLoginResult.refused(invalidCredentials()); // the attempt stays as a failure
    }
    sessions.clearAttempts(login);
    String token = newToken();
    Instant expiresAt = now.plus(properties.adminSessionTtl());
    sessions.insertSession(ApiKeyService.sha256(token), admin.get().id(), now, expiresAt);
    return new AdminLoginResult(token, expiresAt, admin.get(), List.of());
  }

  /** The admin behind a session token; empty when unknown or expired. */
  Optional<Caller> authenticate(String token) {
    return byHash
        .get(ApiKeyService.sha256(token), sessions::findSession)
        .filter(session -> session.expiresAt().isAfter(clock.instant()))
        .map(session -> Caller.of(session.role(), session.email()));
  }

  /** Expired sessions and attempts outside the window are of no use; any instance may purge. */
  @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
  void purgeExpired() {
    Instant now = clock.instant();
    sessions.purge(now, now.minus(properties.loginFailureWindow()));
  }

  private static String newToken() {
    byte[] secret = new byte[24];
    RANDOM.nextBytes(secret);
    return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  private static UserError invalidCredentials() {
    return UserError.of("INVALID_CREDENTIALS", "The e-mail or the password is wrong.");
  }
}
