package org.loyaltygraph.order;

import java.math.BigDecimal;

/**
 * A line and its earning receipt: the base it earned on (base currency), the multiplier, the
 * points, and what refunds took back so far.
 */
public record OrderLine(
    int lineNo,
    String lineId,
    String sku,
    String category,
    int quantity,
    long unitPrice,
    long discount,
    long paid,
    long baseAmount,
    BigDecimal multiplier,
    long points,
    int refundedQuantity,
    long refundedAmount,
    long reversedPoints) {}
