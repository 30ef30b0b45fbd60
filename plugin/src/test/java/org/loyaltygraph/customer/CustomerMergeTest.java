package org.loyaltygraph.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.points.AdjustmentService;
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

/** When the storefront merges two records of one person, one ledger and one history remain. */
@LoyaltyGraphTest
class CustomerMergeTest {

  private static final String MERGE =
      "mutation($in: CustomerMergeInput!) { customerMerge(input: $in) { customer { id } userErrors { field code } } }";

  @Autowired GraphQLTestClient graphql;
  @Autowired MutableClock clock;
  @Autowired EarningRulesService rules;
  @Autowired AdjustmentService adjustments;
  @Autowired JdbcClient jdbc;

  Storefront shop;
  Ledger ledger;

  @BeforeEach
  void setUp() {
    clock.set(Instant.parse("2026-05-10T10:00:00Z"));
    TestProgram.standard(rules);
    shop = new Storefront(graphql);
    ledger = new Ledger(jdbc);
  }

  private JsonNode merge(String survivor, String merged) {
    return graphql
        .storefront(MERGE, Map.of("in", Map.of("survivorId", survivor, "mergedId", merged)))
        .assertNoErrors()
        .data()
        .path("customerMerge");
  }

  @Test
  void aMergeKeepsBothHistoriesOneBalanceAndEveryLotsExpiry() {
    String survivor = shop.newCustomer();
    String merged = shop.newCustomer();
    adjustments.adjust(survivor, 30, "welcome", "w-" + survivor, "test");
    shop.buy(survivor, clock.instant(), 5000, 1);
    clock.advance(Duration.ofDays(40));
    adjustments.adjust(merged, 20, "welcome", "w-" + merged, "test");
    shop.buy(merged, clock.instant(), 1000, 1);
    long entriesBefore = ledger.entries(survivor) + ledger.entries(merged);

    JsonNode result = merge(survivor, merged);

    assertThat(result.at("/customer/id").asString()).isEqualTo(survivor);
    JsonNode points = shop.points(survivor);
    assertThat(points.path("available").asLong()).isEqualTo(30 + 50 + 20);
    assertThat(points.path("pending").asLong()).isEqualTo(10);
    assertThat(points.path("upcomingExpiries").size())
        .as("each lot keeps its own expiry")
        .isEqualTo(3);
    // both histories, plus the EARN of the survivor's order that matured and the merge settled
    assertThat(ledger.entries(survivor)).isEqualTo(entriesBefore + 1);
    assertThat(ledger.balance(merged)).isZero();
    ledger.assertConsistent(survivor);
    ledger.assertConsistent(merged);
  }

  @Test
  void theMergedIdAnswersAsTheSurvivorAndAReplayChangesNothing() {
    String survivor = shop.newCustomer();
    String merged = shop.newCustomer();
    adjustments.adjust(merged, 25, "welcome", "w-" + merged, "test");
    merge(survivor, merged);

    JsonNode again = merge(survivor, merged);
    JsonNode backwards = merge(merged, survivor);
    String read =
        graphql
            .storefront("query($id: ID!) { customer(id: $id) { id } }", Map.of("id", merged))
            .data()
            .at("/customer/id")
            .asString();
    String later = shop.buy(merged, clock.instant(), 2000, 1);

    assertThat(again.path("userErrors").isEmpty()).isTrue();
    assertThat(shop.points(survivor).path("available").asLong()).isEqualTo(25);
    assertThat(backwards.at("/userErrors/0/code").asString()).isEqualTo("ALREADY_MERGED");
    assertThat(read).isEqualTo(survivor);
    assertThat(
            jdbc.sql("SELECT customer_id FROM customer_order WHERE id = ?")
                .param(later)
                .query(String.class)
                .single())
        .as("an order sent for the merged id belongs to the survivor")
        .isEqualTo(survivor);
  }

  @Test
  void anIdReadBeforeItsMergeAnswersAsTheSurvivorAtOnceAfterIt() {
    String survivor = shop.newCustomer();
    String merged = shop.newCustomer();
    String first = shop.newCustomer();
    merge(merged, first); // first now answers as merged: a chain once merged joins survivor
    assertThat(readId(first)).isEqualTo(merged); // both read, so both are cached
    assertThat(readId(merged)).isEqualTo(merged);

    merge(survivor, merged);

    assertThat(readId(merged)).isEqualTo(survivor);
    assertThat(readId(first)).isEqualTo(survivor);
  }

  @Test
  void anIdSpelledWithATrailingSpaceAnswersAsTheDatabaseComparesIt() {
    String survivor = shop.newCustomer();
    String merged = shop.newCustomer();
    // the database ignores trailing spaces when it compares ids (PAD SPACE), nothing else
    assertThat(readId(merged + " ")).isEqualTo(merged); // cached under this spelling
    assertThat(readId(merged)).isEqualTo(merged);
    assertThat(readId(" " + merged)).isNull();
    assertThat(readId(merged + "\t")).isNull();

    merge(survivor, merged);

    assertThat(readId(merged)).isEqualTo(survivor);
    assertThat(readId(merged + " ")).as("evicted with the stored spelling").isEqualTo(survivor);
  }

  @Test
  void anOrderForAnIdWithATrailingSpaceEarnsForTheCustomerItsReadsAnswer() {
    String customer = shop.newCustomer();
    String other = shop.newCustomer();

    // the database finds the customer under these spellings, and so do its reads
    shop.buy(customer + " ", clock.instant(), 5000, 1);
    shop.buy(customer + "  ", clock.instant(), 1000, 1);
    assertThat(shop.points(customer).path("pending").asLong()).isEqualTo(60);
    assertThat(shop.points(other).path("pending").asLong()).isZero();
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM customer_order WHERE customer_id = ? AND BINARY customer_id = ?")
                .params(customer, customer)
                .query(Long.class)
                .single())
        .as("stored under the customer's own spelling")
        .isEqualTo(2);
  }

  @Test
  void anAdjustmentForAnIdWithATrailingSpaceShowsAtOnceUnderTheStoredId() {
    String customer = shop.newCustomer();
    assertThat(shop.points(customer).path("available").asLong()).isZero(); // now cached

    adjustments.adjust(customer + " ", 40, "goodwill", "g-" + customer, "test");

    // written under the stored id, so its commit evicts the summary read under it
    assertThat(shop.points(customer).path("available").asLong()).isEqualTo(40);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM points_entry WHERE BINARY customer_id = ?")
                .param(customer)
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  /** The id that answers for {@code id}, or null for an unknown one. */
  private String readId(String id) {
    JsonNode answer =
        graphql
            .storefront("query($id: ID!) { customer(id: $id) { id } }", Map.of("id", id))
            .assertNoErrors()
            .data()
            .at("/customer/id");
    return answer.isMissingNode() || answer.isNull() ? null : answer.asString();
  }

  @Test
  void mergingAnUnknownOrTheSameCustomerIsRefused() {
    String survivor = shop.newCustomer();
    assertThat(merge(survivor, "nobody").at("/userErrors/0/code").asString())
        .isEqualTo("NOT_FOUND");
    assertThat(merge(survivor, survivor).at("/userErrors/0/code").asString()).isEqualTo("INVALID");
  }
}
