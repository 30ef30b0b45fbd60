package org.loyaltygraph.testing;

import java.util.List;
import org.loyaltygraph.points.EarningRules;
import org.loyaltygraph.points.EarningRulesService;
import org.loyaltygraph.points.NegativeBalancePolicy;
import org.loyaltygraph.points.RewardRestorePolicy;

/**
 * The program rules are global, so every test that earns points first publishes the rules it
 * expects: 1 point per 1.00 USD, 14 days pending, 365 days to expiry, 30 days warning, no minimum,
 * nothing earned on shipping, tax or gift cards.
 */
public final class TestProgram {

  private TestProgram() {}

  public static EarningRules standard(EarningRulesService rules, NegativeBalancePolicy policy) {
    return publish(rules, policy, RewardRestorePolicy.RESTORE_POINTS);
  }

  /**
   * The standard program, but with {@code restorePolicy} for the rewards used on an order that is
   * then refunded in full.
   */
  public static EarningRules standard(
      EarningRulesService rules, RewardRestorePolicy restorePolicy) {
    return publish(rules, NegativeBalancePolicy.STOP_AT_ZERO, restorePolicy);
  }

  private static EarningRules publish(
      EarningRulesService rules, NegativeBalancePolicy policy, RewardRestorePolicy restorePolicy) {
    var result =
        rules.update(
            new EarningRulesService.RulesChange(
                1L,
                100L,
                14,
                365,
                null,
                30,
                policy,
                List.of(),
                0L,
                false,
                false,
                false,
                "UTC",
                restorePolicy,
                org.loyaltygraph.points.RewardLimits.NONE));
    if (!result.userErrors().isEmpty()) {
      throw new AssertionError(result.userErrors().toString());
    }
    return result.rules();
  }

  public static EarningRules standard(EarningRulesService rules) {
    return standard(rules, NegativeBalancePolicy.STOP_AT_ZERO);
  }
}
