package org.loyaltygraph.points;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.loyaltygraph.schema.types.PointsExpiry;
import org.loyaltygraph.schema.types.PointsRelease;

/**
 * The GraphQL {@code PointsSummary} of one customer's summary, each field worked out only when the
 * query selects it: graphql-java reads one getter per selected field. The storefront's usual read
 * asks for {@code available} alone, and neither the expiry lists nor the program's warning period
 * are needed for it.
 */
public final class PointsSummaryFields {

  private final PointsSummary summary;
  private final Supplier<Instant> warnUntil;

  PointsSummaryFields(PointsSummary summary, Supplier<Instant> warnUntil) {
    this.summary = summary;
    this.warnUntil = warnUntil;
  }

  public long getAvailable() {
    return summary.available();
  }

  public long getPending() {
    return summary.pending();
  }

  public long getLifetimeEarned() {
    return summary.lifetimeEarned();
  }

  public List<PointsExpiry> getUpcomingExpiries() {
    return PointsGraphQLMapping.expiries(summary.upcomingExpiries());
  }

  public List<PointsExpiry> getExpiringSoon() {
    return PointsGraphQLMapping.expiries(summary.expiringBefore(warnUntil.get()));
  }

  public List<PointsRelease> getPendingReleases() {
    return summary.pendingReleases().stream()
        .map(
            d ->
                PointsRelease.newBuilder()
                    .availableAt(PointsGraphQLMapping.time(d.at()))
                    .points(d.points())
                    .build())
        .toList();
  }
}
