package org.loyaltygraph.tier;

import java.math.BigDecimal;
import org.loyaltygraph.points.EarningMultiplierSource;
import org.springframework.stereotype.Service;

/** The tier program. Placeholder until the tier feature lands: everyone earns at 1x. */
@Service
public class TierService implements EarningMultiplierSource {

  /** The points multiplier of the tier the customer holds now. */
  @Override
  public BigDecimal multiplierFor(String customerId) {
    return BigDecimal.ONE;
  }
}
