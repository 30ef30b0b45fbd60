package org.loyaltygraph.points;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The earning rule, stated once: each line's weight is its base amount times its multiplier (line
 * multiplier x tier multiplier), floored; the order earns {@code floor(sum of weights / step) x
 * points per step}; those points are split over the lines in proportion to their weights by the
 * largest-remainder method, so the receipts add up to the order's points exactly. With 5 points per
 * 2.50, an order of 3.00 earns 5 points, not 6.
 */
public final class PointsCalculator {

  private PointsCalculator() {}

  /** A line as far as earning is concerned: its base amount in the base currency. */
  public record EarnableLine(String lineId, String sku, String category, long baseAmount) {}

  /** What one line earned, as its receipt records it. */
  public record LineEarning(String lineId, long baseAmount, BigDecimal multiplier, long points) {}

  /** The order's earning under one rules version. */
  public record Earning(int ruleVersion, List<LineEarning> lines, long points) {}

  public static Earning compute(
      EarningRules rules, BigDecimal tierMultiplier, List<EarnableLine> lines) {
    List<BigDecimal> multipliers = new ArrayList<>();
    List<BigInteger> weights = new ArrayList<>();
    BigInteger totalWeight = BigInteger.ZERO;
    for (EarnableLine line : lines) {
      BigDecimal multiplier =
          rules
              .multiplierFor(line.sku(), line.category())
              .multiply(tierMultiplier)
              .stripTrailingZeros();
      BigInteger weight =
          BigDecimal.valueOf(Math.max(0, line.baseAmount()))
              .multiply(multiplier)
              .setScale(0, RoundingMode.FLOOR)
              .toBigInteger();
      multipliers.add(multiplier);
      weights.add(weight);
      totalWeight = totalWeight.add(weight);
    }
    BigInteger total =
        totalWeight
            .divide(BigInteger.valueOf(rules.stepAmount()))
            .multiply(BigInteger.valueOf(rules.pointsPerStep()));
    long[] shares = allocate(total, weights, totalWeight);
    List<LineEarning> earnings = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      EarnableLine line = lines.get(i);
      earnings.add(
          new LineEarning(line.lineId(), line.baseAmount(), multipliers.get(i), shares[i]));
    }
    return new Earning(rules.version(), earnings, total.longValueExact());
  }

  /**
   * Largest remainder: floors first, then one more point to the largest fractions, ties by order.
   */
  static long[] allocate(BigInteger total, List<BigInteger> weights, BigInteger totalWeight) {
    int n = weights.size();
    long[] shares = new long[n];
    if (total.signum() == 0 || totalWeight.signum() == 0) {
      return shares;
    }
    BigInteger[] remainders = new BigInteger[n];
    BigInteger given = BigInteger.ZERO;
    for (int i = 0; i < n; i++) {
      BigInteger[] qr = total.multiply(weights.get(i)).divideAndRemainder(totalWeight);
      shares[i] = qr[0].longValueExact();
      remainders[i] = qr[1];
      given = given.add(qr[0]);
    }
    int left = total.subtract(given).intValueExact();
    List<Integer> order =
        IntStream.range(0, n)
            .boxed()
            .sorted(
                Comparator.comparing((Integer i) -> remainders[i]).reversed().thenComparing(i -> i))
            .toList();
    for (int k = 0; k < left; k++) {
      shares[order.get(k)]++;
    }
    return shares;
  }
}
