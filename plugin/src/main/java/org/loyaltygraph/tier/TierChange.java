package org.loyaltygraph.tier;

import java.time.Instant;

/**
 * One change of a customer's tier, with the tiers as they were at that moment.
 *
 * @param cursor opaque position of this change in the customer's history
 * @param reason {@code order}, {@code refund}, {@code window}, {@code grace-expired} or {@code
 *     program-change}
 */
public record TierChange(
    String cursor,
    Tier fromTier,
    Tier toTier,
    Instant changedAt,
    String reason,
    long qualifyingAmount) {}
