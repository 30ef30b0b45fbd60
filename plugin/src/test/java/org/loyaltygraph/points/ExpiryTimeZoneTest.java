package org.loyaltygraph.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.loyaltygraph.testing.Storefront;
import org.loyaltygraph.testing.TestProgram;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Expiry happens at a stated instant in the program's time zone, wherever the customer lives. */
@LoyaltyGraphTest
class ExpiryTimeZoneTest {

  @Autowired GraphQLTestClient graphql;
  @Autowired MutableClock clock;
  @Autowired EarningRulesService rules;
  @Autowired AdjustmentService adjustments;
  @Autowired PointsMaintenanceJob maintenance;

  @BeforeEach
  void newYorkProgram() {
    clock.set(Instant.parse("2026-01-10T03:30:00Z")); // still 9 January in New York
    var result =
        rules.update(
            new EarningRulesService.RulesChange(
                1L,
                100L,
                0,
                30,
                null,
                7,
                NegativeBalancePolicy.STOP_AT_ZERO,
                List.of(),
                0L,
                false,
                false,
                false,
                "America/New_York",
                null,
                null));
    assertThat(result.userErrors()).isEmpty();
  }

  @AfterEach
  void backToTheStandardProgram() {
    TestProgram.standard(rules);
  }

  @Test
  void pointsOfACustomerInTokyoExpireAtMidnightInNewYork() {
    Storefront shop = new Storefront(graphql);
    String customer = shop.newCustomer();
    graphql.storefront(
        "mutation($in: CustomerUpsertInput!) { customerUpsert(input: $in) { userErrors { code } } }",
        Map.of("in", Map.of("id", customer, "timeZone", "Asia/Tokyo")));
    adjustments.adjust(customer, 100, "welcome", "w-" + customer, "test");

    JsonNode points = shop.points(customer);
    // available on 9 January (New York); the last day is 8 February; expiry at its end, 05:00 UTC
    assertThat(points.at("/upcomingExpiries/0/expiresAt").asString())
        .isEqualTo("2026-02-09T05:00:00Z");

    clock.set(Instant.parse("2026-02-09T04:59:59Z"));
    maintenance.runDue();
    assertThat(shop.points(customer).path("available").asLong()).isEqualTo(100);
    clock.set(Instant.parse("2026-02-09T05:00:00Z"));
    maintenance.runDue();
    assertThat(shop.points(customer).path("available").asLong()).isZero();
  }

  @Test
  void aTimeZoneThatIsNotIanaIsRefused() {
    var result =
        rules.update(
            new EarningRulesService.RulesChange(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "Mars/Olympus",
                null,
                null));
    assertThat(result.userErrors()).extracting(e -> e.code()).containsExactly("INVALID");
  }
}
