package org.loyaltygraph.points;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.InputArgument;
import graphql.schema.DataFetchingEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.loyaltygraph.graphql.Pagination;
import org.loyaltygraph.graphql.Parents;
import org.loyaltygraph.schema.types.Customer;
import org.loyaltygraph.schema.types.Loyalty;
import org.loyaltygraph.schema.types.PointsEntryConnection;
import org.loyaltygraph.schema.types.PointsEntryEdge;

/**
 * {@code Customer.loyalty} and the points parts of {@code Loyalty}; the tier part is the tier
 * feature's.
 */
@DgsComponent
class LoyaltyDataFetcher {

  private final PointsService points;
  private final RewardService rewards;
  private final EarningRulesService rules;

  LoyaltyDataFetcher(PointsService points, RewardService rewards, EarningRulesService rules) {
    this.points = points;
    this.rewards = rewards;
    this.rules = rules;
  }

  @DgsData(parentType = "Customer", field = "loyalty")
  Loyalty loyalty(DataFetchingEnvironment env) {
    Customer customer = env.getSource();
    return Loyalty.newBuilder().customerId(customer.getId()).build();
  }

  @DgsData(parentType = "Loyalty", field = "points")
  CompletableFuture<PointsSummaryFields> points(DataFetchingEnvironment env) {
    Loyalty loyalty = env.getSource();
    return summary(env, loyalty)
        .thenApply(summary -> new PointsSummaryFields(summary, this::expiryWarningEnd));
  }

  /** Until when an upcoming expiry counts as soon: now plus the program's warning period. */
  private Instant expiryWarningEnd() {
    return points.now().plus(Duration.ofDays(rules.current().expiryWarningDays()));
  }

  @DgsData(parentType = "Loyalty", field = "ledger")
  PointsEntryConnection ledger(DataFetchingEnvironment env) {
    Loyalty loyalty = env.getSource();
    Pagination.PageRequest request = Pagination.request(env);
    Long before = request.after().isPresent() ? request.after().getAsLong() : null;
    Pagination.Page<PointsEntry> page =
        request.toPage(
            points.ledger(loyalty.getCustomerId(), before, request.fetchSize()), PointsEntry::id);
    return new PointsEntryConnection(
        page.edges().stream()
            .map(e -> new PointsEntryEdge(e.cursor(), PointsGraphQLMapping.entry(e.node())))
            .toList(),
        page.pageInfo());
  }

  @DgsData(parentType = "Loyalty", field = "rewards")
  CompletableFuture<List<org.loyaltygraph.schema.types.Reward>> rewards(
      @InputArgument Boolean affordableOnly, DataFetchingEnvironment env) {
    Loyalty loyalty = env.getSource();
    List<Reward> active = rewards.all().stream().filter(Reward::active).toList();
    if (!Boolean.TRUE.equals(affordableOnly)) {
      return CompletableFuture.completedFuture(
          active.stream().map(PointsGraphQLMapping::reward).toList());
    }
    return summary(env, loyalty)
        .thenApply(
            summary ->
                active.stream()
                    .filter(r -> r.costPoints() <= summary.available())
                    .map(PointsGraphQLMapping::reward)
                    .toList());
  }

  /** The customer's points summary: batched when several customers' loyalty is read at once. */
  private CompletableFuture<PointsSummary> summary(DataFetchingEnvironment env, Loyalty loyalty) {
    return Parents.load(
        env, PointsSummaryDataLoader.NAME, loyalty.getCustomerId(), points::summary);
  }
}
