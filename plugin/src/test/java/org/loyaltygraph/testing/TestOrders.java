package org.loyaltygraph.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.loyaltygraph.order.OrderInput;

/** Orders built in Java, for tests that record them through the service, not over GraphQL. */
public final class TestOrders {

  private TestOrders() {}

  /** An order in USD with a new id and one line of one item at {@code unitPrice} (minor units). */
  public static OrderInput oneLine(String customerId, Instant placedAt, long unitPrice) {
    return new OrderInput(
        "o-" + UUID.randomUUID(),
        customerId,
        placedAt,
        "USD",
        BigDecimal.ONE,
        List.of(new OrderInput.Line("l1", "SKU-1", "general", 1, unitPrice, 0)));
  }
}
