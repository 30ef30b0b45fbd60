package org.loyaltygraph.order;

import java.time.Instant;

/**
 * Published inside the transaction that records an order (not on a replay), so listeners such as
 * the tier program update in the same transaction.
 *
 * @param baseSpend what the order paid, in minor units of the program's base currency
 * @param points points the order earned (pending or not)
 * @param webhooks false when the order comes from a bulk import that did not ask for events: the
 *     outbox writes nothing for it (nor for a tier change it causes); everything else hears it as
 *     usual
 */
public record OrderRecorded(
    String orderId,
    String customerId,
    Instant placedAt,
    long baseSpend,
    long points,
    boolean webhooks) {

  /** An order whose events go out as webhooks, as every live order's do. */
  public OrderRecorded(
      String orderId, String customerId, Instant placedAt, long baseSpend, long points) {
    this(orderId, customerId, placedAt, baseSpend, points, true);
  }
}
