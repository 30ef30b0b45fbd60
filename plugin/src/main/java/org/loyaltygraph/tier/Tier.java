package org.loyaltygraph.tier;

import java.math.BigDecimal;
import java.util.List;

/**
 * A tier of the program. Customers hold the highest tier whose threshold their qualifying amount
 * reaches.
 *
 * @param threshold minor units of the base currency (SPEND) or points (POINTS)
 * @param pointsMultiplier applied to points earned while the tier is held, 1 to 10
 */
public record Tier(
    String id,
    String name,
    long threshold,
    BigDecimal pointsMultiplier,
    boolean freeShipping,
    List<String> perks) {

  public Tier {
    perks = List.copyOf(perks);
    // one spelling per value (1.50 and 1.5 are the same multiplier), never an exponent
    BigDecimal plain = pointsMultiplier.stripTrailingZeros();
    pointsMultiplier = plain.scale() < 0 ? plain.setScale(0) : plain;
  }
}
