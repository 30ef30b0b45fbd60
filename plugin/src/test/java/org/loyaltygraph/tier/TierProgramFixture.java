package org.loyaltygraph.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

/**
 * The tier configuration is global and all test classes share one database: each tier test sets up
 * the whole configuration it needs, with unique tier ids, and puts the defaults back after.
 */
final class TierProgramFixture {

  private final TierService tiers;
  private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + "-";

  TierProgramFixture(TierService tiers) {
    this.tiers = tiers;
  }

  /** No tiers, and the default program. */
  void reset() {
    for (Tier tier : tiers.tiers()) {
      assertThat(tiers.delete(tier.id()).userErrors()).isEmpty();
    }
    program(
        new TierProgramEdit(TierProgram.Basis.SPEND, TierProgram.Window.ROLLING, 12, 30, "UTC"));
  }

  void program(TierProgramEdit edit) {
    assertThat(tiers.updateProgram(edit).userErrors()).isEmpty();
  }

  Tier tier(String name, long threshold, String multiplier) {
    TierResult result =
        tiers.create(new TierDraft(prefix + name, name, threshold, multiplier, false, List.of()));
    assertThat(result.userErrors()).isEmpty();
    return result.tier();
  }

  String id(String name) {
    return prefix + name;
  }
}
