package org.loyaltygraph.points;

import java.time.Instant;

/**
 * Published inside the transaction of an opening-balance import, so that the tier program counts
 * the qualifying amount the customer brought along.
 *
 * @param webhooks false when a bulk import did not ask for events: a tier change this causes writes
 *     nothing to the outbox
 */
public record OpeningBalanceImported(
    String customerId, long qualifyingAmount, Instant at, boolean webhooks) {}
