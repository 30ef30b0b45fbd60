package org.loyaltygraph.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Times of the Spring Data JDBC aggregates are stored as UTC wall clock, as the JdbcClient code
 * stores them, and read back as the same instant on a JVM whose time zone is not UTC.
 */
@LoyaltyGraphTest
class StoredTimesTest {

  @Autowired ApiKeyService keys;
  @Autowired AdminUserService adminUsers;
  @Autowired AdminUserRepository admins;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;

  private TimeZone jvmZone;

  @BeforeEach
  void runOnAJvmEastOfUtc() {
    jvmZone = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
  }

  @AfterEach
  void restoreTheJvmZone() {
    TimeZone.setDefault(jvmZone);
  }

  @Test
  void anApiKeysTimesReadBackAsTheInstantsStored() {
    clock.set(Instant.parse("2026-04-01T09:00:00Z"));
    ApiKeyService.IssuedKey issued =
        keys.issue("zone check " + UUID.randomUUID(), Role.ROUTER, Set.of());
    clock.set(Instant.parse("2026-04-01T09:30:00Z"));

    ApiKey revoked = keys.revoke(issued.id()).apiKey();

    assertThat(revoked.createdAt()).isEqualTo(Instant.parse("2026-04-01T09:00:00Z"));
    assertThat(revoked.revokedAt()).isEqualTo(Instant.parse("2026-04-01T09:30:00Z"));
    assertThat(storedWallClock("api_key", "created_at", issued.id()))
        .isEqualTo("2026-04-01 09:00:00");
    assertThat(storedWallClock("api_key", "revoked_at", issued.id()))
        .isEqualTo("2026-04-01 09:30:00");
  }

  @Test
  void anAdminsCreationTimeReadsBackAsTheInstantStored() {
    clock.set(Instant.parse("2026-04-02T23:45:00Z"));
    String email = "zone-" + UUID.randomUUID() + "@shop.example";

    AdminUser created = adminUsers.create(email, "long enough password", Role.ANALYST).admin();

    assertThat(admins.findByEmail(email).orElseThrow().createdAt())
        .isEqualTo(Instant.parse("2026-04-02T23:45:00Z"));
    assertThat(storedWallClock("admin_user", "created_at", created.id()))
        .isEqualTo("2026-04-02 23:45:00");
  }

  private String storedWallClock(String table, String column, String id) {
    return jdbc.sql(
            "SELECT DATE_FORMAT("
                + column
                + ", '%Y-%m-%d %H:%i:%s') FROM "
                + table
                + " WHERE id = ?")
        .param(id)
        .query(String.class)
        .single();
  }
}
