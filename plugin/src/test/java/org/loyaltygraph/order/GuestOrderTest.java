package org.loyaltygraph.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltygraph.testing.Storefront.line;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.points.EarningRulesService;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.Ledger;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.loyaltygraph.testing.Storefront;
import org.loyaltygraph.testing.TestProgram;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Guest checkouts earn once their guest registers and the storefront links them. */
@LoyaltyGraphTest
class GuestOrderTest {

  private static final String LINK =
      "mutation($in: GuestOrdersLinkInput!) { guestOrdersLink(input: $in) { orders { id customerId guestEmail }"
          + " pointsAwarded userErrors { field message code } } }";

  @Autowired GraphQLTestClient graphql;
  @Autowired MutableClock clock;
  @Autowired EarningRulesService rules;
  @Autowired JdbcClient jdbc;

  Storefront shop;

  @BeforeEach
  void setUp() {
    clock.set(Instant.parse("2026-10-01T09:00:00Z"));
    TestProgram.standard(rules);
    shop = new Storefront(graphql);
  }

  private String guestOrder(String email, Instant placedAt, long unitPrice, int quantity) {
    String id = "g-" + UUID.randomUUID();
    Map<String, Object> order = new HashMap<>();
    order.put("id", id);
    order.put("guestEmail", email);
    order.put("placedAt", placedAt.toString());
    order.put("currency", "USD");
    order.put("lines", List.of(line("1", "SCARF", "apparel", quantity, unitPrice)));
    JsonNode payload = shop.recordOrder(order);
    assertThat(payload.path("userErrors").isEmpty()).as(payload.toString()).isTrue();
    assertThat(payload.at("/order/customerId").isNull()).isTrue();
    return id;
  }

  private JsonNode link(String customerId, List<String> orderIds) {
    return graphql
        .storefront(LINK, Map.of("in", Map.of("customerId", customerId, "orderIds", orderIds)))
        .assertNoErrors()
        .data()
        .path("guestOrdersLink");
  }

  @Test
  void guestOrdersEarnOnceWhenLinkedAfterRegistration() {
    String email = "guest-" + UUID.randomUUID() + "@example.com";
    String first = guestOrder(email, clock.instant().minus(Duration.ofDays(40)), 3000, 1);
    String second = guestOrder(email, clock.instant().minus(Duration.ofDays(2)), 1500, 2);
    String customer = shop.newCustomer();
    assertThat(shop.points(customer).path("pending").asLong()).isZero();

    JsonNode linked = link(customer, List.of(first, second));
    JsonNode again = link(customer, List.of(first, second));

    assertThat(linked.path("pointsAwarded").asLong()).isEqualTo(60);
    assertThat(linked.at("/orders/0/customerId").asString()).isEqualTo(customer);
    assertThat(again.path("pointsAwarded").asLong()).isZero();
    JsonNode points = shop.points(customer);
    assertThat(points.path("available").asLong()).as("past its return window").isEqualTo(30);
    assertThat(points.path("pending").asLong()).isEqualTo(30);
    new Ledger(jdbc).assertConsistent(customer);
  }

  @Test
  void ordersLinkedToAMergedIdOrAnotherSpellingGoToTheCustomerThatAnswersForIt() {
    String survivor = shop.newCustomer();
    String merged = shop.newCustomer();
    JsonNode merge =
        graphql
            .storefront(
                "mutation($in: CustomerMergeInput!) { customerMerge(input: $in) {"
                    + " userErrors { code } } }",
                Map.of("in", Map.of("survivorId", survivor, "mergedId", merged)))
            .assertNoErrors()
            .data();
    assertThat(merge.at("/customerMerge/userErrors").isEmpty()).as(merge.toString()).isTrue();
    String first = guestOrder("m@example.com", clock.instant(), 1000, 1);
    String second = guestOrder("m@example.com", clock.instant(), 2000, 1);

    JsonNode byMergedId = link(merged, List.of(first));
    JsonNode bySpelling = link(survivor + " ", List.of(second));

    assertThat(byMergedId.at("/orders/0/customerId").asString()).isEqualTo(survivor);
    assertThat(bySpelling.at("/orders/0/customerId").asString()).isEqualTo(survivor);
    assertThat(shop.points(survivor).path("pending").asLong()).isEqualTo(30);
    new Ledger(jdbc).assertConsistent(survivor);
  }

  @Test
  void aGuestOrderRefundedBeforeLinkingCreditsOnlyWhatIsLeft() {
    String order = guestOrder("g@example.com", clock.instant(), 1000, 4);
    JsonNode refund = shop.refundUnits("r-" + order, order, "1", 1).path("refund");
    assertThat(refund.path("pointsCanceled").asLong()).isZero();
    String customer = shop.newCustomer();

    assertThat(link(customer, List.of(order)).path("pointsAwarded").asLong()).isEqualTo(30);
    assertThat(shop.points(customer).path("pending").asLong()).isEqualTo(30);
  }

  @Test
  void onlyGuestOrdersInsideTheWindowLinkAndARefusalLinksNothing() {
    String recent = guestOrder("g2@example.com", clock.instant(), 1000, 1);
    String old = guestOrder("g2@example.com", clock.instant().minus(Duration.ofDays(400)), 1000, 1);
    String owner = shop.newCustomer();
    String ownersOrder = shop.buy(owner, clock.instant(), 1000, 1);
    String customer = shop.newCustomer();

    JsonNode tooOld = link(customer, List.of(recent, old));
    JsonNode notGuest = link(customer, List.of(ownersOrder));
    JsonNode unknown = link(customer, List.of("no-such-order"));

    assertThat(tooOld.at("/userErrors/0/code").asString()).isEqualTo("OUTSIDE_LOOK_BACK_WINDOW");
    assertThat(tooOld.at("/userErrors/0/field").toString())
        .isEqualTo("[\"input\",\"orderIds\",\"1\"]");
    assertThat(notGuest.at("/userErrors/0/code").asString()).isEqualTo("NOT_A_GUEST_ORDER");
    assertThat(unknown.at("/userErrors/0/code").asString()).isEqualTo("UNKNOWN_ORDER");
    assertThat(shop.points(customer).path("pending").asLong()).isZero();
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM customer_order WHERE id = ? AND customer_id IS NULL")
                .param(recent)
                .query(Long.class)
                .single())
        .as("the valid order of a refused call stays a guest order")
        .isEqualTo(1);
  }

  @Test
  void anOrderNeedsACustomerOrAGuestEmailButNotBoth() {
    Map<String, Object> neither = new HashMap<>();
    neither.put("id", "o-" + UUID.randomUUID());
    neither.put("placedAt", clock.instant().toString());
    neither.put("currency", "USD");
    neither.put("lines", List.of(line("1", "X", null, 1, 100)));
    Map<String, Object> both = new HashMap<>(neither);
    both.put("customerId", shop.newCustomer());
    both.put("guestEmail", "x@example.com");

    assertThat(shop.recordOrder(neither).at("/userErrors/0/code").asString()).isEqualTo("REQUIRED");
    assertThat(shop.recordOrder(both).at("/userErrors/0/code").asString()).isEqualTo("INVALID");
  }
}
