package org.loyaltygraph.tier;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;

/** Batches {@code Loyalty.tier} by customer id: one standings query per request level. */
@DgsDataLoader(name = TierStandingDataLoader.NAME)
class TierStandingDataLoader implements MappedBatchLoader<String, TierStanding> {

  static final String NAME = "tierStandings";

  private final TierService tiers;

  TierStandingDataLoader(TierService tiers) {
    this.tiers = tiers;
  }

  @Override
  public CompletionStage<Map<String, TierStanding>> load(Set<String> customerIds) {
    return CompletableFuture.completedFuture(tiers.standings(customerIds));
  }
}
