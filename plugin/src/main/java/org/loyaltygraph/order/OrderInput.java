package org.loyaltygraph.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** An order as the storefront sends it; amounts in minor units of {@code currency}. */
public record OrderInput(
    String id,
    String customerId,
    Instant placedAt,
    String currency,
    BigDecimal exchangeRate,
    List<Line> lines) {

  /** One line as sent. */
  public record Line(
      String lineId, String sku, String category, int quantity, long unitPrice, long discount) {

    long paid() {
      return Math.multiplyExact((long) quantity, unitPrice) - discount;
    }
  }

  /** A stable text of everything the order says, so that a replay can be told from a reuse. */
  String canonical() {
    StringBuilder text = new StringBuilder();
    text.append(id).append('|').append(customerId).append('|').append(placedAt).append('|');
    text.append(currency).append('|');
    text.append(exchangeRate == null ? "" : exchangeRate.stripTrailingZeros().toPlainString());
    for (Line l : lines) {
      text.append("\n")
          .append(l.lineId())
          .append('|')
          .append(l.sku())
          .append('|')
          .append(l.category() == null ? "" : l.category())
          .append('|')
          .append(l.quantity())
          .append('|')
          .append(l.unitPrice())
          .append('|')
          .append(l.discount());
    }
    return text.toString();
  }
}
