package org.loyaltygraph.order;

import java.time.Instant;
import java.util.List;

/** A refund as the storefront sends it: units of lines, or an amount on the whole order. */
public record RefundInput(
    String id, String orderId, Instant refundedAt, List<Line> lines, Long amount) {

  /** Units of one line refunded. */
  public record Line(String lineId, int quantity) {}

  String canonical() {
    StringBuilder text = new StringBuilder();
    text.append(id).append('|').append(orderId).append('|');
    text.append(refundedAt == null ? "" : refundedAt.toString()).append('|');
    text.append(amount == null ? "" : amount.toString());
    if (lines != null) {
      for (Line l : lines) {
        text.append('\n').append(l.lineId()).append('|').append(l.quantity());
      }
    }
    return text.toString();
  }
}
