package org.loyaltygraph.points;

import java.time.Instant;

/**
 * Published inside the transaction of an opening-balance import, so that the tier program counts
 * the qualifying amount the customer brought along.
 */
public record OpeningBalanceImported(String customerId, long qualifyingAmount, Instant at) {}
