package org.loyaltygraph.points;

import java.time.Instant;

/** One append-only change of one lot's available points. */
public record PointsEntry(
    long id,
    String customerId,
    long lotId,
    PointsEntryType type,
    long points,
    String causeType,
    String causeId,
    String reason,
    Instant createdAt) {}
