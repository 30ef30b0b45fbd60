package org.loyaltygraph.points;

import java.time.Instant;

/**
 * A lot of points from one source (an order, an adjustment). {@code remaining} is what is left to
 * spend; a DEBT lot holds a negative balance under the ALLOW_NEGATIVE policy.
 */
record PointsLot(
    long id,
    String customerId,
    String sourceType,
    String sourceId,
    long earned,
    long remaining,
    long expiredUnreversed,
    Status status,
    Instant availableAt,
    Instant expiresAt) {

  enum Status {
    PENDING,
    AVAILABLE,
    EXPIRED,
    CANCELED
  }

  static final String DEBT = "DEBT";

  boolean isDebt() {
    return DEBT.equals(sourceType);
  }
}
