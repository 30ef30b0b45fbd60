package org.loyaltygraph.order;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.loyaltygraph.points.EarningRules;
import org.loyaltygraph.points.ProRata;

/**
 * What each line of an order is worth for earning, in the base currency: the line's amount after
 * its line discount and its pro-rata share of the order discount (what the customer really paid),
 * plus its shares of shipping and tax when the rules let those earn; gift-card lines earn nothing
 * unless the rules say so. Shares are split by largest remainder, in minor units of the order's
 * currency, before the conversion (which rounds down per line).
 */
final class EarningBase {

  private EarningBase() {}

  /** One line: its share of the order discount, what it paid, and its earning base. */
  record LineBase(long orderDiscount, long paid, long base) {}

  static List<LineBase> of(OrderInput order, EarningRules rules, BigDecimal rate) {
    List<OrderInput.Line> lines = order.lines();
    long[] gross = lines.stream().mapToLong(OrderInput.Line::gross).toArray();
    long[] discount = ProRata.split(order.orderDiscount(), gross);
    long[] earnable = new long[lines.size()];
    for (int i = 0; i < lines.size(); i++) {
      boolean excluded = lines.get(i).giftCard() && !rules.earnOnGiftCards();
      earnable[i] = excluded ? 0 : gross[i] - discount[i];
    }
    long[] shipping = ProRata.split(rules.earnOnShipping() ? order.shipping() : 0, earnable);
    long[] tax = ProRata.split(rules.earnOnTax() ? order.tax() : 0, earnable);
    List<LineBase> bases = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      long inOrderCurrency = earnable[i] + shipping[i] + tax[i];
      bases.add(
          new LineBase(
              discount[i],
              gross[i] - discount[i],
              CurrencyConversion.toBase(
                  inOrderCurrency, order.currency(), rate, rules.baseCurrency())));
    }
    return bases;
  }
}
