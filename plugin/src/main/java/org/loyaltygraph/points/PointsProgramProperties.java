package org.loyaltygraph.points;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code loyaltygraph.points.*}: the first version of the earning rules, written on first start;
 * afterwards admins change the rules with {@code earningRulesUpdate}. The base currency is fixed
 * here, because points already earned are in it.
 */
@ConfigurationProperties("loyaltygraph.points")
public record PointsProgramProperties(
    @DefaultValue("USD") String baseCurrency,
    @DefaultValue("1") long pointsPerStep,
    @DefaultValue("100") long stepAmount,
    @DefaultValue("14") int pendingDays,
    @DefaultValue("365") Integer expiryDays,
    @DefaultValue("30") int expiryWarningDays,
    @DefaultValue("STOP_AT_ZERO") NegativeBalancePolicy negativeBalancePolicy,
    @DefaultValue("60s") java.time.Duration maintenanceInterval,
    @DefaultValue("UTC") String timeZone,
    // the first version's redemption limits; later versions carry their own (earningRulesUpdate)
    Long maxPointsPerOrder,
    Integer maxRewardSharePercent) {}
