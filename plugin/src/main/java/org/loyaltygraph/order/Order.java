package org.loyaltygraph.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A recorded order with its lines; each line carries its earning receipt. */
public record Order(
    String id,
    String customerId,
    Instant placedAt,
    String currency,
    BigDecimal exchangeRate,
    long subtotal,
    long baseSubtotal,
    int ruleVersion,
    long pointsEarned,
    Long lotId,
    String contentHash,
    List<OrderLine> lines) {

  public long pointsReversed() {
    return lines.stream().mapToLong(OrderLine::reversedPoints).sum();
  }
}
