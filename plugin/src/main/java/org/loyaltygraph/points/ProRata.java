package org.loyaltygraph.points;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Splits a whole amount over weights in proportion, by the largest-remainder method: each part is
 * floored, then the units left go one each to the largest fractions (ties to the earlier part), so
 * the parts always add up to the total exactly.
 */
public final class ProRata {

  private ProRata() {}

  public static long[] split(long total, long[] weights) {
    int n = weights.length;
    long[] parts = new long[n];
    BigInteger sum = BigInteger.ZERO;
    for (long w : weights) {
      sum = sum.add(BigInteger.valueOf(Math.max(0, w)));
    }
    if (total == 0 || sum.signum() == 0) {
      return parts;
    }
    BigInteger[] remainders = new BigInteger[n];
    long given = 0;
    for (int i = 0; i < n; i++) {
      BigInteger[] qr =
          BigInteger.valueOf(total)
              .multiply(BigInteger.valueOf(Math.max(0, weights[i])))
              .divideAndRemainder(sum);
      parts[i] = qr[0].longValueExact();
      remainders[i] = qr[1];
      given += parts[i];
    }
    int[] order =
        IntStream.range(0, n)
            .boxed()
            .sorted(
                Comparator.comparing((Integer i) -> remainders[i]).reversed().thenComparing(i -> i))
            .mapToInt(Integer::intValue)
            .toArray();
    for (long k = 0; k < total - given; k++) {
      parts[order[(int) k]]++;
    }
    return parts;
  }
}
