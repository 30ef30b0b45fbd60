package org.loyaltygraph.order;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.loyaltygraph.graphql.UserError;

/** Checks an order before anything is written; each fault is a user error with a code. */
final class OrderValidation {

  static final int MAX_LINES = 500;
  private static final int MAX_ID = 64;
  private static final long MAX_AMOUNT = 1_000_000_000_000L;

  private OrderValidation() {}

  static List<UserError> check(OrderInput order, String baseCurrency) {
    List<UserError> errors = new ArrayList<>();
    requireId(order.id(), errors, "input", "id");
    requireId(order.customerId(), errors, "input", "customerId");
    if (order.placedAt() == null) {
      errors.add(UserError.of("REQUIRED", "placedAt is required.", "input", "placedAt"));
    }
    if (!CurrencyConversion.isIsoCurrency(order.currency())) {
      errors.add(
          UserError.of(
              "UNKNOWN_CURRENCY",
              "currency must be an ISO-4217 code such as EUR.",
              "input",
              "currency"));
    } else if (!order.currency().equals(baseCurrency)) {
      BigDecimal rate = order.exchangeRate();
      if (rate == null || rate.signum() <= 0) {
        errors.add(
            UserError.of(
                "EXCHANGE_RATE_REQUIRED",
                "An order in "
                    + order.currency()
                    + " needs a positive exchangeRate to "
                    + baseCurrency
                    + ".",
                "input",
                "exchangeRate"));
      }
    } else if (order.exchangeRate() != null
        && order.exchangeRate().compareTo(BigDecimal.ONE) != 0) {
      errors.add(
          UserError.of(
              "INVALID",
              "An order in the base currency takes no rate but 1.",
              "input",
              "exchangeRate"));
    }
    if (order.lines() == null || order.lines().isEmpty()) {
      errors.add(UserError.of("REQUIRED", "An order has at least one line.", "input", "lines"));
      return errors;
    }
    if (order.lines().size() > MAX_LINES) {
      errors.add(UserError.of("INVALID", "An order has at most 500 lines.", "input", "lines"));
      return errors;
    }
    Set<String> lineIds = new HashSet<>();
    for (int i = 0; i < order.lines().size(); i++) {
      OrderInput.Line line = order.lines().get(i);
      String at = Integer.toString(i);
      requireId(line.lineId(), errors, "input", "lines", at, "lineId");
      if (line.lineId() != null && !lineIds.add(line.lineId())) {
        errors.add(
            UserError.of(
                "DUPLICATE_LINE",
                "Line id " + line.lineId() + " appears twice.",
                "input",
                "lines",
                at,
                "lineId"));
      }
      if (line.sku() == null || line.sku().isBlank() || line.sku().length() > 128) {
        errors.add(
            UserError.of(
                "REQUIRED",
                "A line needs a SKU of 1 to 128 characters.",
                "input",
                "lines",
                at,
                "sku"));
      }
      if (line.category() != null && line.category().length() > 128) {
        errors.add(
            UserError.of(
                "INVALID",
                "A category has at most 128 characters.",
                "input",
                "lines",
                at,
                "category"));
      }
      if (line.quantity() < 1 || line.quantity() > 1_000_000) {
        errors.add(
            UserError.of(
                "INVALID_QUANTITY",
                "quantity is 1 to 1,000,000.",
                "input",
                "lines",
                at,
                "quantity"));
      }
      if (line.unitPrice() < 0 || line.unitPrice() > MAX_AMOUNT) {
        errors.add(
            UserError.of(
                "INVALID_AMOUNT", "unitPrice is not negative.", "input", "lines", at, "unitPrice"));
      }
      if (line.discount() < 0) {
        errors.add(
            UserError.of(
                "INVALID_AMOUNT", "discount is not negative.", "input", "lines", at, "discount"));
      } else if (line.quantity() >= 1
          && line.unitPrice() >= 0
          && line.unitPrice() <= MAX_AMOUNT
          && line.discount() > (long) line.quantity() * line.unitPrice()) {
        errors.add(
            UserError.of(
                "INVALID_AMOUNT",
                "discount exceeds the line's quantity x unitPrice.",
                "input",
                "lines",
                at,
                "discount"));
      }
    }
    return errors;
  }

  private static void requireId(String id, List<UserError> errors, String... field) {
    if (id == null || id.isBlank()) {
      errors.add(UserError.of("REQUIRED", field[field.length - 1] + " is required.", field));
    } else if (id.length() > MAX_ID) {
      errors.add(
          UserError.of("INVALID", field[field.length - 1] + " has at most 64 characters.", field));
    }
  }
}
