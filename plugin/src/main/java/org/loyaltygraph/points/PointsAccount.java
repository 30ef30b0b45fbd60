package org.loyaltygraph.points;

/** The cached balance of one customer; the ledger is the truth it is derived from. */
record PointsAccount(String customerId, long available, long pending, long lifetimeEarned) {}
