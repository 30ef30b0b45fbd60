package org.loyaltygraph.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.Concurrently;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.TestProgram;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The cached earning rules and rewards catalogue are evicted once the writing transaction commits:
 * a read on another thread while it is still open sees (and may cache) the old configuration, and
 * after the commit the cache answers the new one, not that old copy for a whole time-to-live.
 */
@LoyaltyGraphTest
class ConfigurationCacheTest {

  @Autowired EarningRulesService rules;
  @Autowired RewardService rewards;
  @Autowired TransactionTemplate transactions;

  @BeforeEach
  @AfterEach
  void standardRules() {
    TestProgram.standard(rules);
  }

  @Test
  void aRulesReadRacingTheWritingTransactionDoesNotKeepTheOldRules() throws Exception {
    EarningRules before = rules.current();

    EarningRules written =
        transactions.execute(
            status -> {
              EarningRules next = rules.update(onePointMorePerStep(before)).rules();
              EarningRules elsewhere = read(rules::current);
              assertThat(elsewhere.version()).isEqualTo(before.version());
              return next;
            });

    assertThat(written.version()).isGreaterThan(before.version());
    assertThat(rules.current().version()).isEqualTo(written.version());
  }

  @Test
  void aCatalogueReadRacingTheWritingTransactionDoesNotKeepTheOldCatalogue() throws Exception {
    String id = "cache-" + UUID.randomUUID().toString().substring(0, 8);
    rewards.all();

    transactions.executeWithoutResult(
        status -> {
          assertThat(rewards.create(reward(id)).userErrors()).isEmpty();
          assertThat(read(rewards::all)).noneMatch(r -> r.id().equals(id));
        });

    assertThat(rewards.all()).anyMatch(r -> r.id().equals(id));
  }

  private static EarningRulesService.RulesChange onePointMorePerStep(EarningRules rules) {
    return new EarningRulesService.RulesChange(
        rules.pointsPerStep() + 1,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private static Reward reward(String id) {
    return new Reward(
        id, "Cache test", null, 100, Reward.Type.FREE_SHIPPING, null, null, null, false);
  }

  /** A read on another thread, as a concurrent request makes it. */
  private static <T> T read(java.util.concurrent.Callable<T> read) {
    try {
      return Concurrently.onAnotherThread(read);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
