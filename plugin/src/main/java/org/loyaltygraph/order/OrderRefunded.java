package org.loyaltygraph.order;

import java.time.Instant;

/**
 * Published inside the transaction that records a refund (not on a replay).
 *
 * @param placedAt when the refunded order was placed: windows count the refund against it
 * @param baseSpendRefunded the refunded amount, in minor units of the program's base currency
 * @param pointsTakenBack points of the order reversed or canceled by this refund
 */
public record OrderRefunded(
    String refundId,
    String orderId,
    String customerId,
    Instant placedAt,
    Instant refundedAt,
    long baseSpendRefunded,
    long pointsTakenBack) {}
