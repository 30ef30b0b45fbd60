package org.loyaltygraph.points;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/**
 * Where a customer's extra multiplier comes from (the tier program implements it), so that the
 * points feature does not depend on the tier feature.
 */
public interface EarningMultiplierSource {

  /** The multiplier on every point each customer earns now (1 for none), in one read. */
  Map<String, BigDecimal> multipliersFor(Collection<String> customerIds);
}
