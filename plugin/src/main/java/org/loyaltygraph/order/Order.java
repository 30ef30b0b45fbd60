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
    long orderDiscount,
    long shipping,
    long tax,
    int ruleVersion,
    long pointsEarned,
    Long lotId,
    String contentHash,
    List<OrderLine> lines,
    String guestEmail,
    long rewardDiscount) {

  /** This order with the lot its points went to (null when it earned none, or for a guest). */
  Order withLot(Long lot) {
    return new Order(
        id,
        customerId,
        placedAt,
        currency,
        exchangeRate,
        subtotal,
        baseSubtotal,
        orderDiscount,
        shipping,
        tax,
        ruleVersion,
        pointsEarned,
        lot,
        contentHash,
        lines,
        guestEmail,
        rewardDiscount);
  }

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
