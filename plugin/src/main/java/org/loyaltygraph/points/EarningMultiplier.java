package org.loyaltygraph.points;

import java.math.BigDecimal;

/** A points multiplier for every line of a category, or of one SKU (which wins). */
public record EarningMultiplier(Target target, String value, BigDecimal multiplier) {

  /** What the multiplier applies to. */
  public enum Target {
    CATEGORY,
    SKU
  }
}
