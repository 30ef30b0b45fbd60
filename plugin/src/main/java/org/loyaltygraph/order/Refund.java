package org.loyaltygraph.order;

import java.time.Instant;
import java.util.List;

/** A recorded refund and what it took back. Amounts in the order's currency. */
public record Refund(
    String id,
    String orderId,
    String customerId,
    Instant refundedAt,
    long amount,
    long pointsReversed,
    long pointsCanceled,
    long pointsExpired,
    long shortfall,
    String contentHash,
    List<Line> lines) {

  /** What the refund did to one line. */
  public record Line(String lineId, int quantity, long amount, long points) {}
}
