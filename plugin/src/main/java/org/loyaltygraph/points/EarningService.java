package org.loyaltygraph.points;

import java.util.List;
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

  public PointsCalculator.Earning quote(
      String customerId, EarningRules current, List<PointsCalculator.EarnableLine> lines) {
    return PointsCalculator.compute(current, multipliers.multiplierFor(customerId), lines);
  }

  public EarningRules currentRules() {
    return rules.current();
  }
}
