package org.loyaltygraph.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.points.PointsCalculator.EarnableLine;

class PointsCalculatorTest {

  private static EarningRules rules(long pointsPerStep, long stepAmount, EarningMultiplier... m) {
    return new EarningRules(
        1,
        "USD",
        pointsPerStep,
        stepAmount,
        14,
        365,
        30,
        NegativeBalancePolicy.STOP_AT_ZERO,
        List.of(m),
        0,
        false,
        false,
        false,
        java.time.ZoneOffset.UTC,
        RewardRestorePolicy.RESTORE_POINTS,
        null);
  }

  @Test
  void onlyWholeStepsEarnFivePointsPerTwoFiftyOnThreeDollarsIsFive() {
    var earning =
        PointsCalculator.compute(
            rules(5, 250), BigDecimal.ONE, List.of(new EarnableLine("a", "S", null, 300)));
    assertThat(earning.points()).isEqualTo(5);
  }

  @Test
  void receiptsAddUpToTheOrderPointsByLargestRemainder() {
    // weights 333, 333, 334 of 1000 cents: 10 points split 3, 3, 4
    var earning =
        PointsCalculator.compute(
            rules(1, 100),
            BigDecimal.ONE,
            List.of(
                new EarnableLine("a", "S1", null, 333),
                new EarnableLine("b", "S2", null, 333),
                new EarnableLine("c", "S3", null, 334)));
    assertThat(earning.points()).isEqualTo(10);
    assertThat(earning.lines())
        .extracting(PointsCalculator.LineEarning::points)
        .containsExactly(3L, 3L, 4L);
  }

  @Test
  void skuMultiplierWinsOverCategoryAndTierMultiplies() {
    var r =
        rules(
            1,
            100,
            new EarningMultiplier(EarningMultiplier.Target.CATEGORY, "shoes", new BigDecimal("2")),
            new EarningMultiplier(EarningMultiplier.Target.SKU, "SHOE-9", new BigDecimal("3")));
    var earning =
        PointsCalculator.compute(
            r,
            new BigDecimal("1.5"),
            List.of(
                new EarnableLine("a", "SHOE-1", "shoes", 1000),
                new EarnableLine("b", "SHOE-9", "shoes", 1000),
                new EarnableLine("c", "HAT", "hats", 1000)));
    // weights 3000 + 4500 + 1500 = 9000 cents -> 90 points
    assertThat(earning.points()).isEqualTo(90);
    assertThat(earning.lines())
        .extracting(l -> l.multiplier().stripTrailingZeros().toPlainString())
        .containsExactly("3", "4.5", "1.5");
    assertThat(earning.lines())
        .extracting(PointsCalculator.LineEarning::points)
        .containsExactly(30L, 45L, 15L);
  }

  @Test
  void freeLinesEarnNothing() {
    var earning =
        PointsCalculator.compute(
            rules(1, 100), BigDecimal.ONE, List.of(new EarnableLine("a", "S", null, 0)));
    assertThat(earning.points()).isZero();
    assertThat(earning.lines().get(0).points()).isZero();
  }
}
