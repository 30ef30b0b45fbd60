package org.loyaltygraph.points;

import java.time.Instant;
import java.util.List;

/** A customer's points as the storefront shows them. */
public record PointsSummary(
    String customerId,
    long available,
    long pending,
    long lifetimeEarned,
    List<Dated> upcomingExpiries,
    List<Dated> pendingReleases) {

  /** Points that change state at one instant. */
  public record Dated(Instant at, long points) {}

  public static PointsSummary empty(String customerId) {
    return new PointsSummary(customerId, 0, 0, 0, List.of(), List.of());
  }

  /** The upcoming expiries up to {@code until}. */
  public List<Dated> expiringBefore(Instant until) {
    return upcomingExpiries.stream().filter(d -> !d.at().isAfter(until)).toList();
  }
}
