package org.loyaltygraph.tier;

import java.time.Instant;

/**
 * A customer's stored standing: the tier held, a running grace period, and when to look again.
 *
 * @param rulesVersion the program rules it was last evaluated with
 * @param lastActivityId the customer's newest qualifying activity row (0 for none)
 */
record TierState(
    String customerId,
    String tierId,
    long qualifyingAmount,
    Instant graceEndsAt,
    Instant nextEvaluationAt,
    long rulesVersion,
    long lastActivityId) {}
