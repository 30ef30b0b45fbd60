package org.loyaltygraph.tier;

import java.time.Instant;

/**
 * One order (positive) or refund (negative) as it counts for tiers, dated at the order's placedAt.
 */
record QualifyingActivity(Instant occurredAt, long spend, long points) {

  long amount(TierProgram.Basis basis) {
    return basis.of(spend, points);
  }
}
