package org.loyaltygraph.tier;

import java.util.List;

/** A page of a customer's tier changes, newest first. */
public record TierHistoryPage(
    List<TierChange> changes, boolean hasNextPage, boolean hasPreviousPage) {}
