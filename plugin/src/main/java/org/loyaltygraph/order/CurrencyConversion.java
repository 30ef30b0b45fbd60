package org.loyaltygraph.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * Converts minor units of the order's currency into minor units of the base currency at the rate
 * the storefront sent (base units per order-currency unit), rounding down: points are never earned
 * on money that was not paid.
 */
final class CurrencyConversion {

  private CurrencyConversion() {}

  static long toBase(long minor, String from, BigDecimal rate, String base) {
    if (from.equals(base)) {
      return minor;
    }
    int fromDigits = Math.max(0, Currency.getInstance(from).getDefaultFractionDigits());
    int baseDigits = Math.max(0, Currency.getInstance(base).getDefaultFractionDigits());
    return BigDecimal.valueOf(minor)
        .movePointLeft(fromDigits)
        .multiply(rate)
        .movePointRight(baseDigits)
        .setScale(0, RoundingMode.FLOOR)
        .longValueExact();
  }

  /**
   * Minor units of the base currency in the order's currency at the order's rate (base units per
   * unit of the order's currency), rounded up: a reward converted so never leaves a fraction of
   * itself earning points. Capped at the largest long (a rate near zero), the caller caps it
   * anyway.
   */
  static long fromBase(long minor, String to, BigDecimal rate, String base) {
    if (to.equals(base)) {
      return minor;
    }
    int toDigits = Math.max(0, Currency.getInstance(to).getDefaultFractionDigits());
    int baseDigits = Math.max(0, Currency.getInstance(base).getDefaultFractionDigits());
    return BigDecimal.valueOf(minor)
        .movePointLeft(baseDigits)
        .divide(rate, 12, RoundingMode.CEILING)
        .movePointRight(toDigits)
        .setScale(0, RoundingMode.CEILING)
        .min(BigDecimal.valueOf(Long.MAX_VALUE))
        .longValueExact();
  }

  static boolean isIsoCurrency(String code) {
    if (code == null || code.length() != 3) {
      return false;
    }
    try {
      return Currency.getInstance(code).getCurrencyCode().equals(code);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
