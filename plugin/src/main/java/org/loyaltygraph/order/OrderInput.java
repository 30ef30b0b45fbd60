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
    long orderDiscount,
    long shipping,
    long tax,
    List<Line> lines,
    String guestEmail) {

  /** An order of a known customer. */
  public OrderInput(
      String id,
      String customerId,
      Instant placedAt,
      String currency,
      BigDecimal exchangeRate,
      long orderDiscount,
      long shipping,
      long tax,
      List<Line> lines) {
    this(
        id,
        customerId,
        placedAt,
        currency,
        exchangeRate,
        orderDiscount,
        shipping,
        tax,
        lines,
        null);
  }

  boolean isGuest() {
    return customerId == null;
  }

  /** An order with no order discount, shipping or tax. */
  public OrderInput(
      String id,
      String customerId,
      Instant placedAt,
      String currency,
      BigDecimal exchangeRate,
      List<Line> lines) {
    this(id, customerId, placedAt, currency, exchangeRate, 0, 0, 0, lines);
  }

  /** One line as sent. */
  public record Line(
      String lineId,
      String sku,
      String category,
      int quantity,
      long unitPrice,
      long discount,
      boolean giftCard) {

    /** A line that does not sell a gift card. */
    public Line(
        String lineId, String sku, String category, int quantity, long unitPrice, long discount) {
      this(lineId, sku, category, quantity, unitPrice, discount, false);
    }

    /** Quantity x unit price - line discount: the line's amount before the order discount. */
    long gross() {
      return Math.multiplyExact((long) quantity, unitPrice) - discount;
    }
  }

  /** A stable text of everything the order says, so that a replay can be told from a reuse. */
  String canonical() {
    StringBuilder text = new StringBuilder();
    text.append(id).append('|').append(customerId).append('|').append(placedAt).append('|');
    text.append(guestEmail == null ? "" : guestEmail).append('|');
    text.append(currency).append('|');
    text.append(exchangeRate == null ? "" : exchangeRate.stripTrailingZeros().toPlainString());
    text.append('|').append(orderDiscount).append('|').append(shipping).append('|').append(tax);
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
          .append(l.discount())
          .append('|')
          .append(l.giftCard());
    }
    return text.toString();
  }
}
