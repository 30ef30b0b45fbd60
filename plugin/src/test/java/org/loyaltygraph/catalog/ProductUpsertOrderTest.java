package org.loyaltygraph.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.graphql.dgs.client.codegen.GraphQLQueryRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.schema.client.ProductGraphQLQuery;
import org.loyaltygraph.schema.client.ProductProjectionRoot;
import org.loyaltygraph.schema.client.ProductUpsertGraphQLQuery;
import org.loyaltygraph.schema.client.ProductUpsertProjectionRoot;
import org.loyaltygraph.testing.Concurrently;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Storefront webhooks arrive out of order: a product update carrying the storefront's {@code
 * updatedAt} that is older than the stored one writes nothing and answers {@code stale: true}.
 */
@LoyaltyGraphTest
class ProductUpsertOrderTest {

  @Autowired GraphQLTestClient graphql;
  @Autowired MutableClock clock;

  private String sku;
  private Instant t0;

  @BeforeEach
  void aNewSkuAndATimeOfTheStorefrontsInThePast() {
    sku = "SKU-" + UUID.randomUUID();
    t0 = Instant.parse("2025-11-03T08:15:30.123456Z");
  }

  private JsonNode upsert(Map<String, Object> input) {
    var payload = new ProductUpsertProjectionRoot<>().stale();
    payload.product().sku().inStock().tags().updatedAt().storefrontUpdatedAt().price().amount();
    payload.userErrors().field().code();
    return graphql
        .storefront(
            new GraphQLQueryRequest(
                ProductUpsertGraphQLQuery.newRequest().inputReference("in").build(), payload),
            Map.of("in", input))
        .assertNoErrors()
        .data()
        .path("productUpsert");
  }

  /** The product as {@code product(sku)} reads it, with both times. */
  private JsonNode stored() {
    var product = new ProductProjectionRoot<>().sku().inStock().tags().updatedAt();
    product.storefrontUpdatedAt().price().amount();
    return graphql
        .storefront(
            new GraphQLQueryRequest(
                ProductGraphQLQuery.newRequest().skuReference("s").build(), product),
            Map.of("s", sku))
        .assertNoErrors()
        .data()
        .path("product");
  }

  private Map<String, Object> product(long price, List<String> tags, Instant updatedAt) {
    Map<String, Object> p = new HashMap<>();
    p.put("sku", sku);
    p.put("name", "Linen shirt");
    p.put("price", Map.of("amount", price, "currency", "EUR"));
    p.put("inStock", true);
    p.put("tags", tags);
    if (updatedAt != null) {
      p.put("updatedAt", updatedAt.toString());
    }
    return p;
  }

  @Test
  void anOlderUpdateAfterANewerOneWritesNothingAndAnswersTheStoredProduct() {
    upsert(product(3900, List.of("sale"), t0.plusSeconds(60)));
    JsonNode before = stored();
    clock.advance(Duration.ofMinutes(1));

    JsonNode older = upsert(product(4500, List.of("summer", "linen"), t0));

    assertThat(older.path("stale").asBoolean()).isTrue();
    assertThat(older.path("userErrors").isEmpty()).isTrue();
    assertThat(older.at("/product/price/amount").asLong()).isEqualTo(3900);
    assertThat(older.at("/product/tags").toString()).isEqualTo("[\"sale\"]");
    assertThat(older.at("/product/storefrontUpdatedAt").asString())
        .isEqualTo(t0.plusSeconds(60).toString());
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void aNewerUpdateAfterAnOlderOneIsApplied() {
    JsonNode first = upsert(product(4500, List.of("summer"), t0));
    clock.advance(Duration.ofMinutes(1));

    JsonNode newer = upsert(product(3900, List.of("sale"), t0.plusSeconds(1)));

    assertThat(newer.path("stale").asBoolean()).isFalse();
    assertThat(newer.at("/product/price/amount").asLong()).isEqualTo(3900);
    assertThat(newer.at("/product/tags").toString()).isEqualTo("[\"sale\"]");
    assertThat(newer.at("/product/storefrontUpdatedAt").asString())
        .isEqualTo(t0.plusSeconds(1).toString());
    assertThat(Instant.parse(newer.at("/product/updatedAt").asString()))
        .isAfter(Instant.parse(first.at("/product/updatedAt").asString()));
    assertThat(stored()).isEqualTo(newer.path("product"));
  }

  @Test
  void withoutUpdatedAtTheLatestCallWinsAndTheStoredTimeStays() {
    upsert(product(4500, List.of("summer"), t0));
    clock.advance(Duration.ofMinutes(1));

    JsonNode untimed = upsert(product(100, List.of(), null));
    JsonNode replay = upsert(product(100, List.of(), null));

    assertThat(untimed.path("stale").asBoolean()).isFalse();
    assertThat(untimed.at("/product/price/amount").asLong()).isEqualTo(100);
    assertThat(untimed.at("/product/storefrontUpdatedAt").asString()).isEqualTo(t0.toString());
    assertThat(replay).isEqualTo(untimed);
    assertThat(upsert(product(200, List.of(), t0.minusSeconds(1))).path("stale").asBoolean())
        .isTrue();
  }

  @Test
  void theSameContentWithANewerTimeOnlyMovesTheTime() {
    JsonNode first = upsert(product(4500, List.of("summer", "linen"), t0));
    clock.advance(Duration.ofMinutes(1));

    JsonNode later = upsert(product(4500, List.of("linen", "summer"), t0.plusSeconds(5)));

    assertThat(later.path("stale").asBoolean()).isFalse();
    assertThat(later.at("/product/updatedAt")).isEqualTo(first.at("/product/updatedAt"));
    assertThat(later.at("/product/storefrontUpdatedAt").asString())
        .isEqualTo(t0.plusSeconds(5).toString());
    assertThat(upsert(product(1, List.of(), t0.plusSeconds(4))).path("stale").asBoolean()).isTrue();
  }

  @Test
  void concurrentUpdatesInAnyOrderLeaveTheNewestStoredWithItsOwnTags() throws Exception {
    Random random = new Random(20261130);
    for (int round = 0; round < 6; round++) {
      sku = "SKU-" + UUID.randomUUID();
      if (round > 0) {
        // the usual case: the product is known, and each update reads it before it writes
        upsert(product(1, List.of("base"), t0.minusSeconds(3600)));
      }
      List<JsonNode> answers =
          Concurrently.inShuffledOrder(
              20,
              random,
              v -> upsert(product(1000 + v, List.of("v" + v, "w" + v), t0.plusSeconds(v))));

      assertThat(answers).allSatisfy(a -> assertThat(a.path("userErrors").isEmpty()).isTrue());
      JsonNode newest = stored();
      assertThat(newest.at("/price/amount").asLong()).isEqualTo(1019);
      assertThat(newest.path("tags").toString()).isEqualTo("[\"v19\",\"w19\"]");
      assertThat(newest.path("storefrontUpdatedAt").asString())
          .isEqualTo(t0.plusSeconds(19).toString());
      assertThat(answers.get(19).path("stale").asBoolean()).isFalse();
    }
  }

  @Test
  void badInputIsAUserErrorAndWritesNothingWhateverItsTime() {
    JsonNode future = upsert(product(100, List.of(), clock.instant().plus(Duration.ofDays(2))));
    assertThat(future.at("/userErrors/0/code").asString()).isEqualTo("INVALID");
    assertThat(future.at("/userErrors/0/field").toString()).isEqualTo("[\"input\",\"updatedAt\"]");
    assertThat(future.path("product").isNull()).isTrue();
    assertThat(stored().isNull()).isTrue();

    upsert(product(4500, List.of("summer"), t0));
    JsonNode before = stored();
    JsonNode negative = upsert(product(-1, List.of("sale"), t0.plusSeconds(1)));

    assertThat(negative.at("/userErrors/0/code").asString()).isEqualTo("INVALID");
    assertThat(negative.path("stale").asBoolean()).isFalse();
    assertThat(stored()).isEqualTo(before);
  }
}
