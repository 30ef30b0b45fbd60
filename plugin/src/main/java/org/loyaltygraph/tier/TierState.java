package org.loyaltygraph.tier;

import java.time.Instant;

/**
 * A customer's stored standing: the tier held, a running grace period, and when to look again.
 *
 * @param rulesVersion the program rules it was last evaluated with
 */
record TierState(
    String customerId,
    String tierId,
    long qualifyingAmount,
    Instant graceEndsAt,
    Instant nextEvaluationAt,
    long rulesVersion) {}
