package org.loyaltygraph.points;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * One immutable version of the program's earning rules (what an order earns on and how much).
 * Receipts name the version they used, so a refund always reverses what was earned under the rules
 * of its day.
 */
public record EarningRules(
    int version,
    String baseCurrency,
    long pointsPerStep,
    long stepAmount,
    int pendingDays,
    Integer expiryDays,
    int expiryWarningDays,
    NegativeBalancePolicy negativeBalancePolicy,
    List<EarningMultiplier> multipliers,
    long minimumSubtotal,
    boolean earnOnShipping,
    boolean earnOnTax,
    boolean earnOnGiftCards,
    ZoneId timeZone,
    RewardRestorePolicy rewardRestorePolicy,
    RewardLimits rewardLimits) {

  public EarningRules {
    multipliers = List.copyOf(multipliers);
    rewardLimits = rewardLimits == null ? RewardLimits.NONE : rewardLimits;
  }

  /** The line's own multiplier: its SKU's if set, else its category's, else 1. */
  public BigDecimal multiplierFor(String sku, String category) {
    BigDecimal byCategory = null;
    for (EarningMultiplier m : multipliers) {
      if (m.target() == EarningMultiplier.Target.SKU && m.value().equals(sku)) {
        return m.multiplier();
      }
      if (m.target() == EarningMultiplier.Target.CATEGORY && m.value().equals(category)) {
        byCategory = m.multiplier();
      }
    }
    return byCategory != null ? byCategory : BigDecimal.ONE;
  }

  /** When points earned at {@code earnedAt} become spendable: after the return window. */
  public Instant availableAt(Instant earnedAt) {
    return earnedAt.plus(Duration.ofDays(pendingDays));
  }

  /**
   * When points that became available at {@code availableAt} expire; null for never. The stated
   * instant: midnight at the end of the day that is {@code expiryDays} after the day they became
   * available, both days counted in the program's time zone.
   */
  public Instant expiresAt(Instant availableAt) {
    if (expiryDays == null) {
      return null;
    }
    LocalDate lastDay = availableAt.atZone(timeZone).toLocalDate().plusDays(expiryDays);
    return lastDay.plusDays(1).atStartOfDay(timeZone).toInstant();
  }
}
