package org.loyaltygraph.order;

import java.time.Instant;

/**
 * Published inside the transaction that records an order (not on a replay), so listeners such as
 * the tier program update in the same transaction.
 *
 * @param baseSpend what the order paid, in minor units of the program's base currency
 * @param points points the order earned (pending or not)
 */
public record OrderRecorded(
    String orderId, String customerId, Instant placedAt, long baseSpend, long points) {}
