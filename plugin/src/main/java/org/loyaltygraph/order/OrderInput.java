package org.loyaltygraph.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
    String guestEmail,
    List<String> rewardCodes) {

  public OrderInput {
    rewardCodes = rewardCodes == null ? List.of() : List.copyOf(rewardCodes);
    // the order, its points and its tier activity hold the same instant, in whole microseconds
    // (stored in whole seconds: the driver cuts the fraction, application.properties)
    placedAt = placedAt == null ? null : placedAt.truncatedTo(ChronoUnit.MICROS);
  }

  /** An order that used no loyalty reward code. */
  public OrderInput(
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
        guestEmail,
        List.of());
  }

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

  /** This order with the value of its loyalty rewards taken off: on the lines, and on shipping. */
  OrderInput lessRewards(long offLines, long offShipping) {
    return new OrderInput(
        id,
        customerId,
        placedAt,
        currency,
        exchangeRate,
        orderDiscount + offLines,
        shipping - offShipping,
        tax,
        lines,
        guestEmail,
        rewardCodes);
  }

  /** The lines' amounts after line discounts, less the order discount. */
  long goodsAfterDiscounts() {
    return lines.stream().mapToLong(Line::gross).sum() - orderDiscount;
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
    // appended only when present, so orders without codes keep the hash they were stored with
    if (!rewardCodes.isEmpty()) {
      // codes match whatever their case and spaces, so a replay typed differently is the same
      for (String code : rewardCodes) {
        text.append("\ncode|").append(code == null ? "" : code.trim().toUpperCase());
      }
    }
    return text.toString();
  }
}
