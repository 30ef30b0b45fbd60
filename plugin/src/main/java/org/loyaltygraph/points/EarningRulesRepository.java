package org.loyaltygraph.points;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class EarningRulesRepository {

  private final JdbcClient jdbc;

  EarningRulesRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<EarningRules> findLatest() {
    return jdbc.sql("SELECT MAX(version) FROM earning_rules")
        .query(Integer.class)
        .optional()
        .flatMap(this::findVersion);
  }

  Optional<EarningRules> findVersion(int version) {
    List<EarningMultiplier> multipliers =
        jdbc.sql(
                "SELECT target, value, multiplier FROM earning_multiplier WHERE version = ?"
                    + " ORDER BY target, value")
            .param(version)
            .query(
                (rs, n) ->
                    new EarningMultiplier(
                        EarningMultiplier.Target.valueOf(rs.getString("target")),
                        rs.getString("value"),
                        rs.getBigDecimal("multiplier").stripTrailingZeros()))
            .list();
    return jdbc.sql(
            "SELECT version, base_currency, points_per_step, step_amount, pending_days,"
                + " expiry_days, expiry_warning_days, negative_balance_policy, minimum_subtotal,"
                + " earn_on_shipping, earn_on_tax, earn_on_gift_cards, time_zone,"
                + " reward_restore_policy, max_points_per_order, max_reward_share_percent"
                + " FROM earning_rules WHERE version = ?")
        .param(version)
        .query(
            (rs, n) ->
                new EarningRules(
                    rs.getInt("version"),
                    rs.getString("base_currency"),
                    rs.getLong("points_per_step"),
                    rs.getLong("step_amount"),
                    rs.getInt("pending_days"),
                    (Integer) rs.getObject("expiry_days", Integer.class),
                    rs.getInt("expiry_warning_days"),
                    NegativeBalancePolicy.valueOf(rs.getString("negative_balance_policy")),
                    multipliers,
                    rs.getLong("minimum_subtotal"),
                    rs.getBoolean("earn_on_shipping"),
                    rs.getBoolean("earn_on_tax"),
                    rs.getBoolean("earn_on_gift_cards"),
                    ZoneId.of(rs.getString("time_zone")),
                    RewardRestorePolicy.valueOf(rs.getString("reward_restore_policy")),
                    new RewardLimits(
                        rs.getObject("max_points_per_order", Long.class),
                        rs.getObject("max_reward_share_percent", Integer.class))))
        .optional();
  }

  /** Inserts a version; false when another writer took that version number first. */
  boolean insert(EarningRules rules, Instant at) {
    int rows =
        jdbc.sql(
                "INSERT IGNORE INTO earning_rules (version, base_currency, points_per_step,"
                    + " step_amount, pending_days, expiry_days, expiry_warning_days,"
                    + " negative_balance_policy, minimum_subtotal, earn_on_shipping, earn_on_tax,"
                    + " earn_on_gift_cards, time_zone, reward_restore_policy, max_points_per_order,"
                    + " max_reward_share_percent, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .params(
                rules.version(),
                rules.baseCurrency(),
                rules.pointsPerStep(),
                rules.stepAmount(),
                rules.pendingDays(),
                rules.expiryDays(),
                rules.expiryWarningDays(),
                rules.negativeBalancePolicy().name(),
                rules.minimumSubtotal(),
                rules.earnOnShipping(),
                rules.earnOnTax(),
                rules.earnOnGiftCards(),
                rules.timeZone().getId(),
                rules.rewardRestorePolicy().name(),
                rules.rewardLimits().maxPointsPerOrder(),
                rules.rewardLimits().maxRewardSharePercent(),
                Timestamp.from(at))
            .update();
    if (rows == 0) {
      return false;
    }
    for (EarningMultiplier m : rules.multipliers()) {
      jdbc.sql(
              "INSERT INTO earning_multiplier (version, target, value, multiplier) VALUES (?, ?, ?, ?)")
          .params(rules.version(), m.target().name(), m.value(), m.multiplier())
          .update();
    }
    return true;
  }
}
