package org.loyaltygraph.points;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/**
 * Where a customer's extra multiplier comes from (the tier program implements it), so that the
 * points feature does not depend on the tier feature.
 */
public interface EarningMultiplierSource {

  /**
   * The multiplier on every point each customer earns now (1 for none), in one read that locks what
   * it reads until the caller's transaction ends (the orders that earn at it change it).
   */
  Map<String, BigDecimal> multipliersFor(Collection<String> customerIds);

  /**
   * As {@link #multipliersFor}, without waiting: a customer whose multiplier another transaction
   * holds locked is left out of the answer (orders written together hand its order back to wait
   * alone).
   */
  Map<String, BigDecimal> multipliersUnlessHeld(Collection<String> customerIds);
}
