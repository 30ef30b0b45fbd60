package org.loyaltygraph.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.security.Role;
import org.loyaltygraph.testing.AdminSessions;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * An admin write that the database picks as a deadlock victim (MySQL 1213) runs its whole
 * transaction again and succeeds: provoked here with a real deadlock against a second connection.
 */
@LoyaltyGraphTest
class TierAdminDeadlockTest {

  private static final String UPDATE =
      "mutation($input: TierUpdateInput!) { tierUpdate(input: $input) {"
          + " tier { id name threshold } userErrors { code } } }";

  @Autowired GraphQLTestClient graphql;
  @Autowired AdminSessions adminSessions;
  @Autowired TierService tiers;
  @Autowired DataSource dataSource;
  @Autowired JdbcClient jdbc;

  private TierProgramFixture program;

  @BeforeEach
  void noTiers() {
    program = new TierProgramFixture(tiers);
    program.reset();
  }

  @AfterEach
  void backToDefaults() {
    program.reset();
  }

  @Test
  void aTierUpdateChosenAsDeadlockVictimRunsAgainAndSucceeds() throws Exception {
    Tier gold = program.tier("gold", 50_000, "2");
    String manager = adminSessions.bearer(Role.MANAGER);

    try (Connection holder = dataSource.getConnection()) {
      holder.setAutoCommit(false);
      try (Statement settings = holder.createStatement()) {
        settings.execute("SET SESSION innodb_lock_wait_timeout = 20");
      }
      // the holder locks the tier row first and writes to it several times, so that it weighs
      // more than the mutation's transaction and the database picks the mutation as the victim
      try (PreparedStatement rename =
          holder.prepareStatement("UPDATE tier SET name = ? WHERE id = ?")) {
        for (int i = 1; i <= 10; i++) {
          rename.setString(1, "held-" + i);
          rename.setString(2, gold.id());
          rename.executeUpdate();
        }
      }

      // the mutation locks the program row, then waits for the tier row the holder has
      CompletableFuture<JsonNode> update =
          CompletableFuture.supplyAsync(
              () ->
                  graphql
                      .send(
                          manager,
                          UPDATE,
                          Map.of(
                              "input",
                              Map.of("id", gold.id(), "name", "Gold Plus", "threshold", 60_000)))
                      .assertNoErrors()
                      .data()
                      .path("tierUpdate"));
      awaitTierUpdateBlocked(update);

      // the holder now asks for the program row: a cycle, which the database breaks at once
      try (Statement lockProgram = holder.createStatement()) {
        lockProgram.executeQuery("SELECT id FROM tier_program WHERE id = 1 FOR UPDATE").close();
      }
      holder.commit();

      JsonNode payload = update.get(30, TimeUnit.SECONDS);
      assertThat(payload.path("userErrors").isEmpty()).isTrue();
      assertThat(payload.at("/tier/name").asString()).isEqualTo("Gold Plus");
      assertThat(payload.at("/tier/threshold").asLong()).isEqualTo(60_000);
    }
    Tier stored = tiers.tiers().get(0);
    assertThat(stored.name()).isEqualTo("Gold Plus");
    assertThat(stored.threshold()).isEqualTo(60_000);
  }

  /**
   * Waits until the mutation's UPDATE of the tier row is running, which it can only be once it
   * holds the program row; it cannot finish while the holder has the tier row.
   */
  private void awaitTierUpdateBlocked(CompletableFuture<JsonNode> update)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    while (Instant.now().isBefore(deadline) && !update.isDone()) {
      long running =
          jdbc.sql(
                  "SELECT COUNT(*) FROM information_schema.processlist"
                      + " WHERE command = 'Query' AND info LIKE 'UPDATE tier SET name = ''Gold Plus''%'")
              .query(Long.class)
              .single();
      if (running > 0) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError(
        "the tierUpdate never reached the tier row; mutation done: " + update.isDone());
  }
}
