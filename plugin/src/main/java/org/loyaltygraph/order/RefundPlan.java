package org.loyaltygraph.order;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The arithmetic of a refund, from the receipts alone. Refunds are cumulative per line: after a
 * refund, a line's reversed points are {@code floor(points x refunded amount / paid)}, and exactly
 * its points once it is refunded in full, so repeated partial refunds never take back more than the
 * line earned, and their sum is exact.
 */
final class RefundPlan {

  private RefundPlan() {}

  /** A line after the refund, and what this refund did to it. */
  record LineChange(OrderLine after, int quantity, long amount, long points, long baseAmount) {}

  /** Units refunded: the refunded amount grows to the units' pro-rata share of what was paid. */
  static LineChange byUnits(OrderLine line, int units) {
    int refundedUnits = line.refundedQuantity() + units;
    long amountTarget =
        refundedUnits == line.quantity()
            ? line.paid()
            : mulDiv(line.paid(), refundedUnits, line.quantity());
    long refundedAmount = Math.max(line.refundedAmount(), amountTarget);
    return change(line, refundedUnits, refundedAmount, units);
  }

  /** An amount refunded on this line. */
  static LineChange byAmount(OrderLine line, long amount) {
    return change(line, line.refundedQuantity(), line.refundedAmount() + amount, 0);
  }

  /** An order amount spread over the lines pro rata to what each has left, largest remainder. */
  static long[] spread(List<OrderLine> lines, long amount) {
    long[] left = lines.stream().mapToLong(l -> l.paid() - l.refundedAmount()).toArray();
    long totalLeft = 0;
    for (long l : left) {
      totalLeft += l;
    }
    long[] shares = new long[left.length];
    if (totalLeft == 0) {
      return shares;
    }
    long given = 0;
    BigInteger[] remainders = new BigInteger[left.length];
    for (int i = 0; i < left.length; i++) {
      BigInteger[] qr =
          BigInteger.valueOf(amount)
              .multiply(BigInteger.valueOf(left[i]))
              .divideAndRemainder(BigInteger.valueOf(totalLeft));
      shares[i] = qr[0].longValueExact();
      remainders[i] = qr[1];
      given += shares[i];
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < left.length; i++) {
      order.add(i);
    }
    order.sort(
        (a, b) ->
            remainders[b].compareTo(remainders[a]) != 0
                ? remainders[b].compareTo(remainders[a])
                : a - b);
    for (int k = 0; k < amount - given; k++) {
      shares[order.get(k)]++;
    }
    return shares;
  }

  private static LineChange change(
      OrderLine line, int refundedUnits, long refundedAmount, int units) {
    boolean full =
        line.paid() > 0 ? refundedAmount >= line.paid() : refundedUnits >= line.quantity();
    long reversedTarget;
    if (full) {
      reversedTarget = line.points();
    } else if (line.paid() > 0) {
      reversedTarget = mulDiv(line.points(), refundedAmount, line.paid());
    } else {
      reversedTarget = mulDiv(line.points(), refundedUnits, line.quantity());
    }
    long points = Math.max(0, reversedTarget - line.reversedPoints());
    long baseBefore = baseShare(line, line.refundedAmount());
    long baseAfter = baseShare(line, refundedAmount);
    OrderLine after =
        new OrderLine(
            line.lineNo(),
            line.lineId(),
            line.sku(),
            line.category(),
            line.quantity(),
            line.unitPrice(),
            line.discount(),
            line.paid(),
            line.baseAmount(),
            line.multiplier(),
            line.points(),
            refundedUnits,
            refundedAmount,
            line.reversedPoints() + points);
    return new LineChange(
        after, units, refundedAmount - line.refundedAmount(), points, baseAfter - baseBefore);
  }

  private static long baseShare(OrderLine line, long refundedAmount) {
    if (line.paid() == 0) {
      return 0;
    }
    return refundedAmount >= line.paid()
        ? line.baseAmount()
        : mulDiv(line.baseAmount(), refundedAmount, line.paid());
  }

  private static long mulDiv(long a, long b, long c) {
    return BigInteger.valueOf(a)
        .multiply(BigInteger.valueOf(b))
        .divide(BigInteger.valueOf(c))
        .longValueExact();
  }
}
