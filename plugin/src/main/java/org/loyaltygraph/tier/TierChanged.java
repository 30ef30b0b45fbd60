package org.loyaltygraph.tier;

import java.time.Instant;

/**
 * Published inside the transaction that moves a customer to another tier, for the outbox (webhook
 * "tier changed") and for caches of the customer's loyalty summary.
 *
 * @param fromTierId null when the customer held no tier
 * @param toTierId null when the customer now holds no tier
 * @param webhooks false when the change comes from a bulk import that did not ask for events: the
 *     outbox writes nothing for it
 */
public record TierChanged(
    String customerId,
    String fromTierId,
    String toTierId,
    String reason,
    Instant changedAt,
    boolean webhooks) {}
