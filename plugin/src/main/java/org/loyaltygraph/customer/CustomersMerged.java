package org.loyaltygraph.customer;

import java.time.Instant;

/**
 * Published inside the transaction that merges {@code mergedId} into {@code survivorId}: each
 * feature moves what it holds of the merged customer to the survivor, in the same transaction.
 */
public record CustomersMerged(String survivorId, String mergedId, Instant at) {}
