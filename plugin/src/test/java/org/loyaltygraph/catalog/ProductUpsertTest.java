package org.loyaltygraph.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@LoyaltyGraphTest
class ProductUpsertTest {

  private static final String UPSERT =
      "mutation($in: ProductUpsertInput!) { productUpsert(input: $in) { product { sku name category"
          + " price { amount currency } inStock tags } userErrors { field code } } }";

  @Autowired GraphQLTestClient graphql;
  @Autowired MutableClock clock;

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
}
