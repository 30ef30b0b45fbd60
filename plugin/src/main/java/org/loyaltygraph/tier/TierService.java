package org.loyaltygraph.tier;

import java.math.BigDecimal;
import org.springframework.stereotype.Service;

/** The tier program. Placeholder until the tier feature lands: everyone earns at 1x. */
@Service
public class TierService {

  /** The points multiplier of the tier the customer holds now. */
  public BigDecimal multiplierFor(String customerId) {
    return BigDecimal.ONE;
  }
}
