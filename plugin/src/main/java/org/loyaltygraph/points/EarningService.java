package org.loyaltygraph.points;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Computes what an order earns under the current rules and the customer's tier. */
@Service
public class EarningService {

  private final EarningRulesService rules;
  private final EarningMultiplierSource multipliers;

  EarningService(EarningRulesService rules, EarningMultiplierSource multipliers) {
    this.rules = rules;
    this.multipliers = multipliers;
  }

  /**
   * The tier multipliers of these customers now, in one read; a guest (null id) has none and earns
   * at the program's own rate.
   */
  public Map<String, BigDecimal> tierMultipliers(Collection<String> customerIds) {
    return multipliers.multipliersFor(customerIds);
  }

  /** {@link #tierMultipliers} of the customers whose tier no other transaction holds. */
  public Map<String, BigDecimal> tierMultipliersUnlessHeld(Collection<String> customerIds) {
    return multipliers.multipliersUnlessHeld(customerIds);
  }

  /** What lines earn under {@code current} for a customer whose tier multiplier is given. */
  public PointsCalculator.Earning quote(
      BigDecimal tierMultiplier, EarningRules current, List<PointsCalculator.EarnableLine> lines) {
    return PointsCalculator.compute(current, tierMultiplier, lines);
  }

  public EarningRules currentRules() {
    return rules.current();
  }
}
