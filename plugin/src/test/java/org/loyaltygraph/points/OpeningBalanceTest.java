package org.loyaltygraph.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.security.Role;
import org.loyaltygraph.testing.AdminSessions;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.Ledger;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.loyaltygraph.testing.Storefront;
import org.loyaltygraph.testing.TestProgram;
import org.loyaltygraph.tier.TierService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A shop moving from another loyalty system brings each customer's balance along, once. */
@LoyaltyGraphTest
class OpeningBalanceTest {

  private static final String IMPORT =
      "mutation($in: OpeningBalanceImportInput!) { openingBalanceImport(input: $in) { pointsAvailable"
          + " userErrors { field code } } }";

  @Autowired GraphQLTestClient graphql;
  @Autowired MutableClock clock;
  @Autowired EarningRulesService rules;
  @Autowired AdminSessions admins;
  @Autowired TierService tiers;
  @Autowired JdbcClient jdbc;

  Storefront shop;
  String manager;

  @BeforeEach
  void setUp() {
    clock.set(Instant.parse("2026-06-15T08:00:00Z"));
    TestProgram.standard(rules);
    shop = new Storefront(graphql);
    manager = admins.bearer(Role.MANAGER);
  }

  private JsonNode importBalance(String customer, Object lots, long qualifying) {
    return graphql
        .send(
            manager,
            IMPORT,
            Map.of(
                "in", Map.of("customerId", customer, "lots", lots, "qualifyingAmount", qualifying)))
        .assertNoErrors()
        .data()
        .path("openingBalanceImport");
  }

  private static Map<String, Object> lot(long points, String expiresAt) {
    Map<String, Object> lot = new HashMap<>();
    lot.put("points", points);
    lot.put("expiresAt", expiresAt);
    return lot;
  }

  @Test
  void anOpeningBalanceKeepsEachLotsExpiryCountsForTheTierAndIsImportedOnce() {
    String customer = shop.newCustomer();
    List<Map<String, Object>> lots = List.of(lot(100, "2026-07-01T00:00:00Z"), lot(50, null));

    JsonNode first = importBalance(customer, lots, 80_000);
    JsonNode replay = importBalance(customer, lots, 80_000);
    JsonNode other = importBalance(customer, List.of(lot(999, null)), 80_000);

    assertThat(first.path("pointsAvailable").asLong()).isEqualTo(150);
    assertThat(replay.path("pointsAvailable").asLong()).isEqualTo(150);
    assertThat(other.at("/userErrors/0/code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    JsonNode points = shop.points(customer);
    assertThat(points.path("available").asLong()).isEqualTo(150);
    assertThat(points.at("/upcomingExpiries/0/expiresAt").asString())
        .isEqualTo("2026-07-01T00:00:00Z");
    assertThat(points.at("/upcomingExpiries/0/points").asLong()).isEqualTo(100);
    assertThat(tiers.standing(customer).qualifyingAmount()).isEqualTo(80_000);
    new Ledger(jdbc).assertConsistent(customer);
  }

  @Test
  void expiredLotsAndUnknownCustomersAreRefusedAndWriteNothing() {
    String customer = shop.newCustomer();

    JsonNode expired = importBalance(customer, List.of(lot(10, "2026-06-01T00:00:00Z")), 0);
    JsonNode unknown = importBalance("nobody-here", List.of(lot(10, null)), 0);

    assertThat(expired.at("/userErrors/0/code").asString()).isEqualTo("INVALID");
    assertThat(expired.at("/userErrors/0/field").toString()).contains("expiresAt");
    assertThat(unknown.at("/userErrors/0/code").asString()).isEqualTo("UNKNOWN_CUSTOMER");
    assertThat(new Ledger(jdbc).lots(customer)).isZero();
  }
}
