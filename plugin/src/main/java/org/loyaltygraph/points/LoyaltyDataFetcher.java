package org.loyaltygraph.points;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.InputArgument;
import graphql.relay.DefaultConnectionCursor;
import graphql.relay.DefaultPageInfo;
import graphql.schema.DataFetchingEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.loyaltygraph.graphql.ClientError;
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
  CompletableFuture<org.loyaltygraph.schema.types.PointsSummary> points(
      DataFetchingEnvironment env) {
    Loyalty loyalty = env.getSource();
    DataLoader<String, PointsSummary> loader = env.getDataLoader(PointsSummaryDataLoader.NAME);
    var warnUntil = points.now().plus(Duration.ofDays(rules.current().expiryWarningDays()));
    return loader
        .load(loyalty.getCustomerId())
        .thenApply(summary -> PointsGraphQLMapping.summary(summary, warnUntil));
  }

  @DgsData(parentType = "Loyalty", field = "ledger")
  PointsEntryConnection ledger(
      @InputArgument Integer first, @InputArgument String after, DataFetchingEnvironment env) {
    Loyalty loyalty = env.getSource();
    if (first == null || first < 1 || first > 100) {
      throw new ClientError("INVALID_ARGUMENT", "first must be between 1 and 100.");
    }
    Long before = after == null ? null : decodeCursor(after);
    List<PointsEntry> page = points.ledger(loyalty.getCustomerId(), before, first + 1);
    boolean hasNext = page.size() > first;
    List<PointsEntry> shown = hasNext ? page.subList(0, first) : page;
    List<PointsEntryEdge> edges =
        shown.stream()
            .map(
                e ->
                    PointsEntryEdge.newBuilder()
                        .cursor(encodeCursor(e.id()))
                        .node(PointsGraphQLMapping.entry(e))
                        .build())
            .toList();
    return PointsEntryConnection.newBuilder()
        .edges(edges)
        .pageInfo(
            new DefaultPageInfo(
                edges.isEmpty() ? null : new DefaultConnectionCursor(edges.get(0).getCursor()),
                edges.isEmpty()
                    ? null
                    : new DefaultConnectionCursor(edges.get(edges.size() - 1).getCursor()),
                after != null,
                hasNext))
        .build();
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
    DataLoader<String, PointsSummary> loader = env.getDataLoader(PointsSummaryDataLoader.NAME);
    return loader
        .load(loyalty.getCustomerId())
        .thenApply(
            summary ->
                active.stream()
                    .filter(r -> r.costPoints() <= summary.available())
                    .map(PointsGraphQLMapping::reward)
                    .toList());
  }

  private static String encodeCursor(long id) {
    return java.util.Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("entry:" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static Long decodeCursor(String cursor) {
    try {
      String plain =
          new String(
              java.util.Base64.getUrlDecoder().decode(cursor),
              java.nio.charset.StandardCharsets.UTF_8);
      if (!plain.startsWith("entry:")) {
        throw new IllegalArgumentException();
      }
      return Long.parseLong(plain.substring(6));
    } catch (IllegalArgumentException e) {
      throw new ClientError("INVALID_ARGUMENT", "after is not a cursor of this connection.");
    }
  }
}
