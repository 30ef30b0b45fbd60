package org.loyaltygraph.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltygraph.testing.Storefront.line;
import static org.loyaltygraph.testing.Storefront.order;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.ShopperTokens;
import org.loyaltygraph.testing.Storefront;
import tools.jackson.databind.JsonNode;

/** The storefront's day, against the packaged jar: customer, order, shopper read, refund. */
class StorefrontFlowIT {

  private final Storefront shop = new Storefront(PackagedPlugin.get().client());

  @Test
  void anOrderEarnsPendingPointsTheShopperSeesAndARefundCancels() {
    String customer = shop.newCustomer();
    String orderId = "it-o-" + UUID.randomUUID();
    Instant placed = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    JsonNode recorded =
        shop.recordOrder(
            order(
                orderId,
                customer,
                placed,
                "USD",
                List.of(line("1", "LAMP", "home", 2, 3000), line("2", "BULB", "home", 4, 250))));
    assertThat(recorded.path("userErrors").isEmpty()).isTrue();
    long earned = recorded.at("/order/pointsEarned").asLong();
    assertThat(earned).isPositive();

    JsonNode me =
        shop.graphql()
            .send(
                ShopperTokens.bearerFor(customer, Instant.now()),
                "{ me { loyalty { points { pending available } } } }",
                Map.of())
            .assertNoErrors()
            .data();
    assertThat(me.at("/me/loyalty/points/pending").asLong()).isEqualTo(earned);

    JsonNode refund = shop.refundUnits("it-r-" + orderId, orderId, "1", 2).path("refund");
    assertThat(refund.path("pointsCanceled").asLong())
        .isEqualTo(recorded.at("/order/lines/0/receipt/points").asLong());
    assertThat(shop.points(customer).path("pending").asLong())
        .isEqualTo(recorded.at("/order/lines/1/receipt/points").asLong());

    JsonNode unknown = shop.refundUnits("it-r-" + UUID.randomUUID(), "no-such-order", "1", 1);
    assertThat(unknown.at("/userErrors/0/code").asString()).isEqualTo("UNKNOWN_ORDER");
  }
}
