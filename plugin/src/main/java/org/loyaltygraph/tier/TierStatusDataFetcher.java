package org.loyaltygraph.tier;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.InputArgument;
import graphql.execution.DataFetcherResult;
import java.util.concurrent.CompletableFuture;
import org.loyaltygraph.graphql.Parents;
import org.loyaltygraph.schema.DgsConstants;
import org.loyaltygraph.schema.types.Loyalty;
import org.loyaltygraph.schema.types.TierChangeConnection;
import org.loyaltygraph.schema.types.TierStatus;
import org.loyaltygraph.security.AccessDeniedException;
import org.loyaltygraph.security.CallerContext;

/**
 * {@code Loyalty.tier} (batched through a DataLoader when several customers are read at once), and
 * {@code TierStatus.history}. The customer id travels to the history as the local context of the
 * status.
 */
@DgsComponent
class TierStatusDataFetcher {

  private final TierService tiers;

  TierStatusDataFetcher(TierService tiers) {
    this.tiers = tiers;
  }

  @DgsData(parentType = DgsConstants.LOYALTY.TYPE_NAME, field = DgsConstants.LOYALTY.Tier)
  CompletableFuture<DataFetcherResult<TierStatus>> tier(DgsDataFetchingEnvironment env) {
    Loyalty loyalty = env.getSource();
    String customerId = loyalty.getCustomerId();
    // the parent fetcher checks too; a shopper token must never reach another customer's tier
    if (!CallerContext.of(env).mayActFor(customerId)) {
      throw new AccessDeniedException(true, "Loyalty.tier");
    }
    return Parents.load(env, TierStandingDataLoader.NAME, customerId, tiers::standing)
        .thenApply(
            standing ->
                DataFetcherResult.<TierStatus>newResult()
                    .data(TierGraphQL.status(standing))
                    .localContext(customerId)
                    .build());
  }

  @DgsData(parentType = DgsConstants.TIERSTATUS.TYPE_NAME, field = DgsConstants.TIERSTATUS.History)
  TierChangeConnection history(
      DgsDataFetchingEnvironment env, @InputArgument Integer first, @InputArgument String after) {
    String customerId = env.getLocalContext();
    return TierGraphQL.history(tiers.history(customerId, first == null ? 0 : first, after));
  }
}
