package org.loyaltygraph.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A recorded order with its lines; each line carries its earning receipt. The points it earned are
 * the lot whose source is this order ({@code ORDER}, its id).
 */
public record Order(
    String id,
    String customerId,
    Instant placedAt,
    String currency,
    BigDecimal exchangeRate,
    long subtotal,
    long baseSubtotal,
    long orderDiscount,
    long shipping,
    long tax,
    int ruleVersion,
    long pointsEarned,
    String contentHash,
    List<OrderLine> lines,
    String guestEmail,
    long rewardDiscount) {

  /** Points the lines earned that no refund has taken back. */
  public long pointsLeft() {
    return pointsEarned - pointsReversed();
  }

  /** Base spend (base currency) that no refund has taken back. */
  public long baseSpendLeft() {
    return lines.stream()
        .mapToLong(l -> l.baseAmount() - RefundPlan.baseShare(l, l.refundedAmount()))
        .sum();
  }

  public long pointsReversed() {
    return lines.stream().mapToLong(OrderLine::reversedPoints).sum();
  }
}
