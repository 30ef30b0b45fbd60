package org.loyaltygraph.points;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loyaltygraph.graphql.UserError;
import org.loyaltygraph.system.CacheEviction;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rewards catalogue, cached: it is read on every loyalty view and changes rarely. A change in
 * this instance evicts it once the change commits.
 */
@Service
public class RewardService {

  private final RewardRepository rewards;
  private final EarningRulesService rules;
  private final Clock clock;
  private final LoadingCache<Integer, List<Reward>> catalogue;

  RewardService(RewardRepository rewards, EarningRulesService rules, Clock clock) {
    this.rewards = rewards;
    this.rules = rules;
    this.clock = clock;
    this.catalogue =
        Caffeine.newBuilder()
            .maximumSize(1)
            .expireAfterWrite(Duration.ofSeconds(30))
            .build(key -> rewards.findAll());
  }

  /** Every reward, cheapest first. */
  public List<Reward> all() {
    return catalogue.get(0);
  }

  public Optional<Reward> find(String id) {
    return rewards.find(id);
  }

  @Transactional
  public RewardResult create(Reward input) {
    List<UserError> errors = validateNew(input);
    if (!errors.isEmpty()) {
      return new RewardResult(null, errors);
    }
    Reward reward =
        new Reward(
            input.id().trim(),
            input.name().trim(),
            input.description(),
            input.costPoints(),
            input.type(),
            input.type() == Reward.Type.AMOUNT_OFF ? input.amountOff() : null,
            input.type() == Reward.Type.AMOUNT_OFF ? input.currency() : null,
            input.type() == Reward.Type.PERCENT_OFF ? input.percentOff() : null,
            true,
            input.maxPointsPerOrder(),
            input.maxSharePercent());
    if (!rewards.insert(reward, clock.instant())) {
      return rewards
          .find(reward.id())
          .filter(existing -> existing.equals(reward))
          .map(existing -> new RewardResult(existing, List.of()))
          .orElseGet(
              () ->
                  new RewardResult(
                      null,
                      List.of(UserError.of("DUPLICATE", "A reward has this id.", "input", "id"))));
    }
    CacheEviction.afterTransaction(() -> catalogue.invalidate(0)); // by key: see TierCatalog
    return new RewardResult(reward, List.of());
  }

  @Transactional
  public RewardResult update(
      String id, String name, String description, Long costPoints, Boolean active) {
    Optional<Reward> existing = rewards.find(id);
    if (existing.isEmpty()) {
      return new RewardResult(
          null, List.of(UserError.of("UNKNOWN_REWARD", "No reward has this id.", "input", "id")));
    }
    List<UserError> errors = new ArrayList<>();
    if (name != null && (name.isBlank() || name.length() > 200)) {
      errors.add(UserError.of("INVALID", "A name has 1 to 200 characters.", "input", "name"));
    }
    if (costPoints != null && costPoints < 1) {
      errors.add(UserError.of("INVALID", "costPoints is at least 1.", "input", "costPoints"));
    }
    if (!errors.isEmpty()) {
      return new RewardResult(null, errors);
    }
    Reward r = existing.get();
    Reward updated =
        new Reward(
            r.id(),
            name != null ? name.trim() : r.name(),
            description != null ? description : r.description(),
            costPoints != null ? costPoints : r.costPoints(),
            r.type(),
            r.amountOff(),
            r.currency(),
            r.percentOff(),
            active != null ? active : r.active(),
            r.maxPointsPerOrder(),
            r.maxSharePercent());
    rewards.update(updated, clock.instant());
    CacheEviction.afterTransaction(() -> catalogue.invalidate(0)); // by key: see TierCatalog
    return new RewardResult(updated, List.of());
  }

  /** The new or changed reward, or why it was refused. */
  public record RewardResult(Reward reward, List<UserError> userErrors) {}

  private List<UserError> validateNew(Reward r) {
    List<UserError> errors = new ArrayList<>();
    if (r.id() == null || r.id().isBlank() || r.id().trim().length() > 64) {
      errors.add(UserError.of("INVALID", "An id has 1 to 64 characters.", "input", "id"));
    }
    if (r.name() == null || r.name().isBlank() || r.name().length() > 200) {
      errors.add(UserError.of("INVALID", "A name has 1 to 200 characters.", "input", "name"));
    }
    if (r.costPoints() < 1) {
      errors.add(UserError.of("INVALID", "costPoints is at least 1.", "input", "costPoints"));
    }
    if (r.maxPointsPerOrder() != null && r.maxPointsPerOrder() < 1) {
      errors.add(
          UserError.of(
              "INVALID", "maxPointsPerOrder is at least 1.", "input", "maxPointsPerOrder"));
    }
    if (r.maxSharePercent() != null && (r.maxSharePercent() < 1 || r.maxSharePercent() > 100)) {
      errors.add(
          UserError.of("INVALID", "maxSharePercent is 1 to 100.", "input", "maxSharePercent"));
    }
    switch (r.type()) {
      case AMOUNT_OFF -> {
        if (r.amountOff() == null || r.amountOff() < 1) {
          errors.add(
              UserError.of(
                  "INVALID",
                  "An AMOUNT_OFF reward needs a positive amountOff.",
                  "input",
                  "amountOff"));
        } else if (!rules.current().baseCurrency().equals(r.currency())) {
          errors.add(
              UserError.of(
                  "INVALID",
                  "amountOff must be in the program's base currency "
                      + rules.current().baseCurrency()
                      + ".",
                  "input",
                  "amountOff",
                  "currency"));
        }
      }
      case PERCENT_OFF -> {
        if (r.percentOff() == null || r.percentOff() < 1 || r.percentOff() > 100) {
          errors.add(
              UserError.of(
                  "INVALID",
                  "percentOff is a whole percent from 1 to 100.",
                  "input",
                  "percentOff"));
        }
      }
      case FREE_SHIPPING -> {
        // nothing more to give
      }
    }
    return errors;
  }
}
