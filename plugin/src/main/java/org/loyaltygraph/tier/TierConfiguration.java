package org.loyaltygraph.tier;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Tiers (lowest threshold first) and the program, as one value that evaluations read.
 *
 * @param rulesVersion goes up with every change that can move customers between tiers
 */
record TierConfiguration(List<Tier> tiers, TierProgram program, long rulesVersion) {

  TierConfiguration {
    tiers = tiers.stream().sorted(Comparator.comparingLong(Tier::threshold)).toList();
  }

  Optional<Tier> tier(String id) {
    return tiers.stream().filter(t -> t.id().equals(id)).findFirst();
  }

  /** The highest tier the amount reaches, or null below the lowest threshold. */
  Tier qualifiedFor(long amount) {
    Tier best = null;
    for (Tier t : tiers) {
      if (t.threshold() <= amount) {
        best = t;
      }
    }
    return best;
  }

  /** The lowest tier above {@code tier} (the lowest of all for null), or null at the top. */
  Tier above(Tier tier) {
    return tiers.stream()
        .filter(t -> tier == null || t.threshold() > tier.threshold())
        .findFirst()
        .orElse(null);
  }
}
