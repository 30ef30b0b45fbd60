package org.loyaltygraph.points;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;

/** Batches {@code loyalty { points }} of many customers into one read (and one cache lookup). */
@DgsDataLoader(name = PointsSummaryDataLoader.NAME)
class PointsSummaryDataLoader implements MappedBatchLoader<String, PointsSummary> {

  static final String NAME = "pointsSummaries";

  private final PointsService points;

  PointsSummaryDataLoader(PointsService points) {
    this.points = points;
  }

  @Override
  public CompletionStage<Map<String, PointsSummary>> load(Set<String> customerIds) {
    return CompletableFuture.completedFuture(points.summaries(customerIds));
  }
}
