package org.loyaltygraph.points;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.loyaltygraph.graphql.UserError;
import org.loyaltygraph.system.CacheEviction;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The versioned earning rules. The current version is cached for a few seconds so that other
 * instances pick up a change quickly; a change in this instance evicts it once it commits.
 */
@Service
public class EarningRulesService {

  private static final BigDecimal MAX_MULTIPLIER = BigDecimal.valueOf(100);

  private final EarningRulesRepository repository;
  private final PointsProgramProperties defaults;
  private final Clock clock;
  private final LoadingCache<Integer, EarningRules> current;

  EarningRulesService(
      EarningRulesRepository repository, PointsProgramProperties defaults, Clock clock) {
    this.repository = repository;
    this.defaults = defaults;
    this.clock = clock;
    this.current =
        Caffeine.newBuilder()
            .maximumSize(1)
            .expireAfterWrite(Duration.ofSeconds(10))
            .build(key -> loadOrCreateFirst());
  }

  public EarningRules current() {
    return current.get(0);
  }

  public EarningRules version(int version) {
    return repository.findVersion(version).orElseThrow();
  }

  /** A new version from the current one with the given changes; refused input writes nothing. */
  @Transactional
  public RulesResult update(RulesChange change) {
    List<UserError> errors = validate(change);
    if (!errors.isEmpty()) {
      return new RulesResult(null, errors);
    }
    EarningRules base = repository.findLatest().orElseGet(this::firstVersion);
    EarningRules next =
        new EarningRules(
            base.version() + 1,
            base.baseCurrency(),
            change.pointsPerStep() != null ? change.pointsPerStep() : base.pointsPerStep(),
            change.stepAmount() != null ? change.stepAmount() : base.stepAmount(),
            change.pendingDays() != null ? change.pendingDays() : base.pendingDays(),
            Boolean.TRUE.equals(change.neverExpire())
                ? null
                : change.expiryDays() != null ? change.expiryDays() : base.expiryDays(),
            change.expiryWarningDays() != null
                ? change.expiryWarningDays()
                : base.expiryWarningDays(),
            change.negativeBalancePolicy() != null
                ? change.negativeBalancePolicy()
                : base.negativeBalancePolicy(),
            change.multipliers() != null ? change.multipliers() : base.multipliers(),
            change.minimumSubtotal() != null ? change.minimumSubtotal() : base.minimumSubtotal(),
            change.earnOnShipping() != null ? change.earnOnShipping() : base.earnOnShipping(),
            change.earnOnTax() != null ? change.earnOnTax() : base.earnOnTax(),
            change.earnOnGiftCards() != null ? change.earnOnGiftCards() : base.earnOnGiftCards(),
            change.timeZone() != null ? ZoneId.of(change.timeZone()) : base.timeZone(),
            change.rewardRestorePolicy() != null
                ? change.rewardRestorePolicy()
                : base.rewardRestorePolicy(),
            change.rewardLimits() != null ? change.rewardLimits() : base.rewardLimits());
    if (!repository.insert(next, clock.instant())) {
      return new RulesResult(
          null,
          List.of(UserError.of("INVALID", "The rules changed meanwhile; send the change again.")));
    }
    CacheEviction.afterTransaction(() -> current.invalidate(0)); // by key: see TierCatalog.evict
    return new RulesResult(next, List.of());
  }

  /** The wanted changes; null fields keep their value. */
  public record RulesChange(
      Long pointsPerStep,
      Long stepAmount,
      Integer pendingDays,
      Integer expiryDays,
      Boolean neverExpire,
      Integer expiryWarningDays,
      NegativeBalancePolicy negativeBalancePolicy,
      List<EarningMultiplier> multipliers,
      Long minimumSubtotal,
      Boolean earnOnShipping,
      Boolean earnOnTax,
      Boolean earnOnGiftCards,
      String timeZone,
      RewardRestorePolicy rewardRestorePolicy,
      RewardLimits rewardLimits) {}

  /** The new rules, or why they were refused. */
  public record RulesResult(EarningRules rules, List<UserError> userErrors) {}

  private EarningRules loadOrCreateFirst() {
    return repository
        .findLatest()
        .orElseGet(
            () -> {
              repository.insert(firstVersion(), clock.instant());
              return repository.findLatest().orElseThrow();
            });
  }

  private EarningRules firstVersion() {
    return new EarningRules(
        1,
        defaults.baseCurrency(),
        defaults.pointsPerStep(),
        defaults.stepAmount(),
        defaults.pendingDays(),
        defaults.expiryDays(),
        defaults.expiryWarningDays(),
        defaults.negativeBalancePolicy(),
        List.of(),
        0,
        false,
        false,
        false,
        ZoneId.of(defaults.timeZone()),
        RewardRestorePolicy.RESTORE_POINTS,
        new RewardLimits(defaults.maxPointsPerOrder(), defaults.maxRewardSharePercent()));
  }

  private static List<UserError> validate(RulesChange c) {
    List<UserError> errors = new ArrayList<>();
    if (c.pointsPerStep() != null && c.pointsPerStep() < 1) {
      errors.add(UserError.of("INVALID", "pointsPerStep is at least 1.", "input", "pointsPerStep"));
    }
    if (c.stepAmount() != null && c.stepAmount() < 1) {
      errors.add(UserError.of("INVALID", "stepAmount is at least 1.", "input", "stepAmount"));
    }
    if (c.pendingDays() != null && (c.pendingDays() < 0 || c.pendingDays() > 365)) {
      errors.add(UserError.of("INVALID", "pendingDays is 0 to 365.", "input", "pendingDays"));
    }
    if (c.expiryDays() != null && (c.expiryDays() < 1 || c.expiryDays() > 3650)) {
      errors.add(UserError.of("INVALID", "expiryDays is 1 to 3650.", "input", "expiryDays"));
    }
    if (c.expiryDays() != null && Boolean.TRUE.equals(c.neverExpire())) {
      errors.add(
          UserError.of(
              "INVALID", "Give expiryDays or neverExpire, not both.", "input", "expiryDays"));
    }
    if (c.expiryWarningDays() != null
        && (c.expiryWarningDays() < 0 || c.expiryWarningDays() > 365)) {
      errors.add(
          UserError.of("INVALID", "expiryWarningDays is 0 to 365.", "input", "expiryWarningDays"));
    }
    if (c.timeZone() != null) {
      try {
        ZoneId.of(c.timeZone());
      } catch (java.time.DateTimeException e) {
        errors.add(
            UserError.of(
                "INVALID", "timeZone is an IANA zone such as Europe/Paris.", "input", "timeZone"));
      }
    }
    if (c.rewardLimits() != null) {
      Long points = c.rewardLimits().maxPointsPerOrder();
      Integer share = c.rewardLimits().maxRewardSharePercent();
      if (points != null && points < 1) {
        errors.add(
            UserError.of(
                "INVALID",
                "maxPointsPerOrder is at least 1 (leave it out for no limit).",
                "input",
                "rewardLimits",
                "maxPointsPerOrder"));
      }
      if (share != null && (share < 1 || share > 100)) {
        errors.add(
            UserError.of(
                "INVALID",
                "maxRewardSharePercent is 1 to 100 (leave it out for no limit).",
                "input",
                "rewardLimits",
                "maxRewardSharePercent"));
      }
    }
    if (c.minimumSubtotal() != null && c.minimumSubtotal() < 0) {
      errors.add(
          UserError.of("INVALID", "minimumSubtotal is not negative.", "input", "minimumSubtotal"));
    }
    if (c.multipliers() != null) {
      Set<String> seen = new HashSet<>();
      for (EarningMultiplier m : c.multipliers()) {
        if (m.value() == null || m.value().isBlank() || m.value().length() > 128) {
          errors.add(
              UserError.of("INVALID", "A multiplier needs a value.", "input", "multipliers"));
        } else if (!seen.add(m.target() + ":" + m.value())) {
          errors.add(
              UserError.of(
                  "INVALID", "Each target and value once: " + m.value(), "input", "multipliers"));
        }
        if (m.multiplier() == null
            || m.multiplier().signum() < 0
            || m.multiplier().compareTo(MAX_MULTIPLIER) > 0
            || m.multiplier().scale() > 4) {
          errors.add(
              UserError.of(
                  "INVALID",
                  "A multiplier is a decimal from 0 to 100 with at most 4 decimals.",
                  "input",
                  "multipliers"));
        }
      }
    }
    return errors;
  }
}
