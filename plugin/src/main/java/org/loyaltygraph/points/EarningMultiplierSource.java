package org.loyaltygraph.points;

import java.math.BigDecimal;

/**
 * Where a customer's extra multiplier comes from (the tier program implements it), so that the
 * points feature does not depend on the tier feature.
 */
public interface EarningMultiplierSource {

  /** The multiplier on every point the customer earns now; 1 for none. */
  BigDecimal multiplierFor(String customerId);
}
