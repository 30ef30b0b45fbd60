package org.loyaltygraph.bulkimport;

import java.time.Instant;

/**
 * An import job: its file's kind and format, and its progress. {@code rowsDone} counts the records
 * (orders, customers, opening balances) the job has been through, and is where it resumes.
 */
record ImportJob(
    long id,
    ImportKind kind,
    ImportFormat format,
    ImportStatus status,
    String contentHash,
    long sizeBytes,
    String createdBy,
    int rowsTotal,
    int rowsDone,
    int rowsImported,
    int rowsSkipped,
    int rowsFailed,
    int attempts,
    String leaseOwner,
    Instant leaseUntil,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt) {}
