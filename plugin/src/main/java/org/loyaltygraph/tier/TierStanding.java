package org.loyaltygraph.tier;

import java.time.Instant;

/**
 * A customer's standing in the tier program, as of one instant.
 *
 * @param tier the tier held now; null below the lowest threshold
 * @param qualifyingAmount what counts in the current window (spend in minor units, or points)
 * @param nextTier the next tier up; null at the top
 * @param amountToNextTier what is still needed to reach {@code nextTier}; 0 at the top
 * @param amountToKeepTier what the window must still gain to keep {@code tier} at {@code
 *     nextEvaluationAt}; 0 when safe or when no tier is held
 * @param nextEvaluationAt when the window next rolls or the grace period ends; null when neither
 * @param graceEndsAt when a pending downgrade takes effect; null outside a grace period
 * @param windowRollsAt when the oldest activity in the window rolls out; null for an empty window
 */
public record TierStanding(
    String customerId,
    Tier tier,
    long qualifyingAmount,
    Tier nextTier,
    long amountToNextTier,
    long amountToKeepTier,
    Instant nextEvaluationAt,
    Instant graceEndsAt,
    Instant windowRollsAt) {}
