package org.loyaltygraph.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.points.PointsMaintenanceJob;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.loyaltygraph.testing.TableSnapshot;
import org.loyaltygraph.tier.TierEvaluationJob;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@LoyaltyGraphTest
class ProductUpsertTest {

  private static final String UPSERT =
      "mutation($in: ProductUpsertInput!) { productUpsert(input: $in) { product { sku name category"
          + " price { amount currency } inStock tags } userErrors { field code } } }";

  @Autowired GraphQLTestClient graphql;
  @Autowired MutableClock clock;
  @Autowired PointsMaintenanceJob maintenance;
  @Autowired TierEvaluationJob tierEvaluation;
  @Autowired JdbcClient jdbc;

  private JsonNode upsert(Map<String, Object> input) {
    return graphql
        .storefront(UPSERT, Map.of("in", input))
        .assertNoErrors()
        .data()
        .path("productUpsert");
  }

  private static Map<String, Object> product(String sku) {
    Map<String, Object> p = new HashMap<>();
    p.put("sku", sku);
    p.put("name", "Linen shirt");
    p.put("category", "apparel");
    p.put("price", Map.of("amount", 4500, "currency", "EUR"));
    p.put("inStock", true);
    p.put("tags", List.of("summer", "linen"));
    return p;
  }

  @Test
  void aProductSentTwiceIsStoredOnceWithItsLatestPriceAndTags() {
    String sku = "SKU-" + UUID.randomUUID();
    upsert(product(sku));
    Map<String, Object> cheaper = product(sku);
    cheaper.put("price", Map.of("amount", 3900, "currency", "EUR"));
    cheaper.put("tags", List.of("sale"));

    JsonNode stored = upsert(cheaper).path("product");

    assertThat(stored.at("/price/amount").asLong()).isEqualTo(3900);
    assertThat(stored.path("tags").toString()).isEqualTo("[\"sale\"]");
    JsonNode read =
        graphql
            .storefront("query($s: ID!) { product(sku: $s) { sku inStock } }", Map.of("s", sku))
            .data();
    assertThat(read.at("/product/inStock").asBoolean()).isTrue();
  }

  @Test
  void theSameProductAgainIsAReplayThatWritesNothing() {
    String sku = "SKU-" + UUID.randomUUID();
    String read = "query($s: ID!) { product(sku: $s) { updatedAt } }";
    upsert(product(sku));
    String firstUpdate =
        graphql.storefront(read, Map.of("s", sku)).data().at("/product/updatedAt").asString();

    clock.advance(Duration.ofMinutes(5));
    Map<String, Object> sameTagsOtherOrder = product(sku);
    sameTagsOtherOrder.put("tags", List.of("linen", "summer"));
    JsonNode replay = upsert(sameTagsOtherOrder);

    assertThat(replay.path("userErrors").size()).isZero();
    assertThat(replay.at("/product/price/amount").asLong()).isEqualTo(4500);
    assertThat(
            graphql.storefront(read, Map.of("s", sku)).data().at("/product/updatedAt").asString())
        .isEqualTo(firstUpdate);

    clock.advance(Duration.ofMinutes(5));
    Map<String, Object> soldOut = product(sku);
    soldOut.put("inStock", false);
    upsert(soldOut);

    assertThat(
            graphql.storefront(read, Map.of("s", sku)).data().at("/product/updatedAt").asString())
        .isNotEqualTo(firstUpdate);
  }

  @Test
  void badInputIsAUserErrorAndWritesNothing() {
    String sku = "SKU-" + UUID.randomUUID();
    Map<String, Object> negative = product(sku);
    negative.put("price", Map.of("amount", -1, "currency", "EUR"));
    Map<String, Object> badCurrency = product(sku);
    badCurrency.put("price", Map.of("amount", 100, "currency", "EURO"));

    assertThat(upsert(negative).at("/userErrors/0/code").asString()).isEqualTo("INVALID");
    assertThat(upsert(badCurrency).at("/userErrors/0/code").asString())
        .isEqualTo("UNKNOWN_CURRENCY");
    assertThat(
            graphql
                .storefront("query($s: ID!) { product(sku: $s) { sku } }", Map.of("s", sku))
                .data()
                .at("/product")
                .isNull())
        .isTrue();
  }

  @Test
  void aRefusedUpdateLeavesTheStoredProductAsItWas() {
    String sku = "SKU-" + UUID.randomUUID();
    String read =
        "query($s: ID!) { product(sku: $s) { sku name category price { amount currency } inStock"
            + " tags updatedAt } }";
    assertThat(upsert(product(sku)).path("userErrors").isEmpty()).isTrue();
    JsonNode stored = graphql.storefront(read, Map.of("s", sku)).assertNoErrors().data();
    assertThat(stored.at("/product/price/amount").asLong()).isEqualTo(4500);
    clock.advance(Duration.ofMinutes(5));
    // what the scheduled jobs could find due on this clock, done now: only the upserts write next
    maintenance.runDue();
    tierEvaluation.runDue();
    TableSnapshot before = TableSnapshot.of(jdbc);

    // every field changed, so that any part of the update written would show
    Map<String, Object> negative = product(sku);
    negative.put("name", "Linen shirt, sale");
    negative.put("category", "sale");
    negative.put("price", Map.of("amount", -1, "currency", "USD"));
    negative.put("inStock", false);
    negative.put("tags", List.of("sale"));
    Map<String, Object> badCurrency = product(sku);
    badCurrency.put("name", "Linen shirt, sale");
    badCurrency.put("price", Map.of("amount", 3900, "currency", "EURO"));
    badCurrency.put("tags", List.of("sale"));
    JsonNode refusedNegative = upsert(negative);
    JsonNode refusedCurrency = upsert(badCurrency);

    assertThat(refusedNegative.at("/userErrors/0/code").asString()).isEqualTo("INVALID");
    assertThat(refusedNegative.at("/userErrors/0/field").toString())
        .isEqualTo("[\"input\",\"price\",\"amount\"]");
    assertThat(refusedNegative.path("userErrors").size()).isOne();
    assertThat(refusedCurrency.at("/userErrors/0/code").asString()).isEqualTo("UNKNOWN_CURRENCY");
    assertThat(List.of(refusedNegative, refusedCurrency))
        .allSatisfy(r -> assertThat(r.path("product").isNull()).isTrue());
    assertThat(graphql.storefront(read, Map.of("s", sku)).assertNoErrors().data())
        .as("the stored product, updatedAt included")
        .isEqualTo(stored);
    assertThat(stored.at("/product/name").asString()).isEqualTo("Linen shirt");
    assertThat(stored.at("/product/price/currency").asString()).isEqualTo("EUR");
    assertThat(stored.at("/product/inStock").asBoolean()).isTrue();
    assertThat(
            jdbc.sql("SELECT tag FROM product_tag WHERE sku = ? ORDER BY tag")
                .param(sku)
                .query(String.class)
                .list())
        .containsExactly("linen", "summer");
    assertThat(TableSnapshot.of(jdbc)).as("rows of every table").isEqualTo(before);
  }
}
