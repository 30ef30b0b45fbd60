package org.loyaltygraph.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.AdminSessions;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.GraphQLTestClient.Response;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

@LoyaltyGraphTest
class AdminLoginTest {

  static final String LOGIN =
      """
      mutation($input: AdminLoginInput!) {
        adminLogin(input: $input) {
          token expiresAt admin { email role } userErrors { field message code }
        }
      }""";
  static final String VIEWER = "{ viewer { role scopes } }";

  @Autowired GraphQLTestClient graphql;
  @Autowired AdminUserService admins;
  @Autowired AdminSessions adminSessions;
  @Autowired PasswordEncoder passwords;
  @Autowired MutableClock clock;

  @Test
  void theRightPasswordOpensATwelveHourSessionThatActsAsTheAdmin() {
    Instant now = Instant.parse("2026-02-01T08:00:00Z");
    clock.set(now);
    String email = "Manager-" + UUID.randomUUID() + "@Shop.Example";
    admins.create(email, "correct horse battery", Role.MANAGER);

    Response login = login(email.toLowerCase(), "correct horse battery");

    String token = login.data().at("/adminLogin/token").asString();
    assertThat(token).matches("lga_[A-Za-z0-9_-]{32}");
    assertThat(login.data().at("/adminLogin/expiresAt").asString())
        .isEqualTo("2026-02-01T20:00:00Z");
    assertThat(login.data().at("/adminLogin/admin/email").asString())
        .isEqualTo(email.toLowerCase());
    assertThat(login.data().at("/adminLogin/admin/role").asString()).isEqualTo("MANAGER");
    assertThat(login.data().at("/adminLogin/userErrors").size()).isZero();
    Response viewer = graphql.send("Bearer " + token, VIEWER, Map.of()).assertNoErrors();
    assertThat(viewer.data().at("/viewer/role").asString()).isEqualTo("MANAGER");
    assertThat(viewer.data().at("/viewer/scopes").toString())
        .contains("program:write")
        .doesNotContain("keys:manage");
  }

  @Test
  void aWrongPasswordAndAnUnknownEmailAreRefusedAlike() {
    clock.set(Instant.parse("2026-02-01T08:00:00Z"));
    String email = "owner-" + UUID.randomUUID() + "@shop.example";
    admins.create(email, "correct horse battery", Role.OWNER);

    Response wrongPassword = login(email, "wrong horse battery");
    Response unknownEmail = login("nobody-" + UUID.randomUUID() + "@shop.example", "whatever12345");

    for (Response refused : new Response[] {wrongPassword, unknownEmail}) {
      assertThat(refused.data().at("/adminLogin/token").isNull()).isTrue();
      assertThat(refused.data().at("/adminLogin/admin").isNull()).isTrue();
      assertThat(refused.data().at("/adminLogin/userErrors/0/code").asString())
          .isEqualTo("INVALID_CREDENTIALS");
      assertThat(refused.data().at("/adminLogin/userErrors/0/field").isNull()).isTrue();
    }
    assertThat(wrongPassword.data().at("/adminLogin/userErrors"))
        .isEqualTo(unknownEmail.data().at("/adminLogin/userErrors"));
  }

  @Test
  void anUnknownEmailSpendsAPasswordHashLikeAKnownOne() {
    clock.set(Instant.parse("2026-02-01T08:00:00Z"));
    String hash = passwords.encode("some password here");
    long fastestHash = Long.MAX_VALUE;
    long fastestUnknownLogin = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      passwords.matches("another password", hash);
      fastestHash = Math.min(fastestHash, System.nanoTime() - start);
      start = System.nanoTime();
      login("nobody-" + UUID.randomUUID() + "@shop.example", "whatever12345");
      fastestUnknownLogin = Math.min(fastestUnknownLogin, System.nanoTime() - start);
    }

    // without a hash an unknown e-mail would answer in a few milliseconds, a hash takes ~250 ms
    assertThat(fastestUnknownLogin).isGreaterThan(fastestHash / 2);
  }

  @Test
  void fiveFailuresLockTheEmailOutEvenForTheRightPasswordUntilFifteenMinutesPass() {
    Instant start = Instant.parse("2026-02-02T08:00:00Z");
    clock.set(start);
    String email = "owner-" + UUID.randomUUID() + "@shop.example";
    String other = "owner-" + UUID.randomUUID() + "@shop.example";
    admins.create(email, "correct horse battery", Role.OWNER);
    admins.create(other, "correct horse battery", Role.OWNER);
    for (int i = 0; i < 5; i++) {
      assertThat(code(login(email, "wrong password " + i))).isEqualTo("INVALID_CREDENTIALS");
    }

    assertThat(code(login(email, "correct horse battery"))).isEqualTo("LOCKED_OUT");
    assertThat(code(login(email.toUpperCase(), "correct horse battery"))).isEqualTo("LOCKED_OUT");
    assertThat(code(login(other, "correct horse battery"))).isNull();
    clock.set(start.plus(Duration.ofMinutes(15)).minusSeconds(1));
    assertThat(code(login(email, "correct horse battery"))).isEqualTo("LOCKED_OUT");

    clock.set(start.plus(Duration.ofMinutes(15)));
    Response released = login(email, "correct horse battery");
    assertThat(code(released)).isNull();
    assertThat(released.data().at("/adminLogin/token").asString()).startsWith("lga_");
  }

  @Test
  void parallelGuessesAreCountedSoNoMoreThanFiveGetThrough() throws Exception {
    clock.set(Instant.parse("2026-02-02T12:00:00Z"));
    String email = "owner-" + UUID.randomUUID() + "@shop.example";
    admins.create(email, "correct horse battery", Role.OWNER);
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      List<Future<String>> guesses = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String guess = "parallel guess " + i;
        guesses.add(pool.submit(() -> code(login(email, guess))));
      }
      List<String> codes = new ArrayList<>();
      for (Future<String> guess : guesses) {
        codes.add(guess.get(60, TimeUnit.SECONDS));
      }

      // at most five guesses were checked, in the burst and after it together
      assertThat(codes).containsOnly("INVALID_CREDENTIALS", "LOCKED_OUT");
      long checked = codes.stream().filter("INVALID_CREDENTIALS"::equals).count();
      assertThat(checked).isLessThanOrEqualTo(5);
      for (long i = checked; i < 5; i++) {
        assertThat(code(login(email, "sequential guess " + i))).isEqualTo("INVALID_CREDENTIALS");
      }
      assertThat(code(login(email, "correct horse battery"))).isEqualTo("LOCKED_OUT");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void unknownEmailsAreLockedOutTooSoLockoutRevealsNothing() {
    clock.set(Instant.parse("2026-02-03T08:00:00Z"));
    String nobody = "nobody-" + UUID.randomUUID() + "@shop.example";
    for (int i = 0; i < 5; i++) {
      assertThat(code(login(nobody, "guess number " + i))).isEqualTo("INVALID_CREDENTIALS");
    }

    assertThat(code(login(nobody, "guess number 6"))).isEqualTo("LOCKED_OUT");
  }

  @Test
  void aSuccessfulLoginClearsEarlierFailures() {
    clock.set(Instant.parse("2026-02-04T08:00:00Z"));
    String email = "analyst-" + UUID.randomUUID() + "@shop.example";
    admins.create(email, "correct horse battery", Role.ANALYST);
    for (int i = 0; i < 4; i++) {
      login(email, "wrong password " + i);
    }
    assertThat(code(login(email, "correct horse battery"))).isNull();

    for (int i = 0; i < 4; i++) {
      assertThat(code(login(email, "wrong again " + i))).isEqualTo("INVALID_CREDENTIALS");
    }
    assertThat(code(login(email, "correct horse battery"))).isNull();
  }

  @Test
  void aSessionTokenIsAnonymousOnceExpired() {
    Instant loggedInAt = Instant.parse("2026-02-05T08:00:00Z");
    clock.set(loggedInAt);
    String bearer = adminSessions.bearer(Role.OWNER);
    assertThat(graphql.send(bearer, VIEWER, Map.of()).data().at("/viewer/role").asString())
        .isEqualTo("OWNER");

    clock.set(loggedInAt.plus(Duration.ofHours(12)).minusSeconds(1));
    assertThat(graphql.send(bearer, VIEWER, Map.of()).data().at("/viewer/role").asString())
        .isEqualTo("OWNER");
    clock.set(loggedInAt.plus(Duration.ofHours(12)));
    Response expired = graphql.send(bearer, VIEWER, Map.of());

    assertThat(expired.errors().get(0).at("/extensions/code").asString())
        .isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void aMadeUpSessionTokenIsAnonymous() {
    Response response =
        graphql.send("Bearer lga_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", VIEWER, Map.of());

    assertThat(response.errors().get(0).at("/extensions/code").asString())
        .isEqualTo("UNAUTHENTICATED");
  }

  private Response login(String email, String password) {
    return graphql
        .send(null, LOGIN, Map.of("input", Map.of("email", email, "password", password)))
        .assertNoErrors();
  }

  private static String code(Response login) {
    var errors = login.data().at("/adminLogin/userErrors");
    return errors.isEmpty() ? null : errors.get(0).at("/code").asString();
  }
}
