package org.loyaltygraph.customer;

import java.time.Instant;

/**
 * Published inside the transaction that merges {@code mergedId} into {@code survivorId}: each
 * feature moves what it holds of the merged customer to the survivor, in the same transaction. The
 * listeners run in the order every writer locks a customer's rows (orders, then the points account,
 * then the tier state), so a merge never waits on an order in a cycle.
 */
public record CustomersMerged(String survivorId, String mergedId, Instant at) {}
