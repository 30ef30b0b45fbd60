package org.loyaltygraph.points;

import java.time.Instant;

/**
 * A customer's available points that expire together at one instant (the sum of their lots), for
 * expiry warnings.
 */
public record ExpiringPoints(String customerId, Instant expiresAt, long points) {}
