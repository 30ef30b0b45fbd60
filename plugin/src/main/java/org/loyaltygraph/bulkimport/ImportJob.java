package org.loyaltygraph.bulkimport;

import java.time.Instant;

/**
 * An import job: its file's kind and format, and its progress. {@code rowsDone} counts the records
 * (orders, customers, opening balances) the job has been through, and is where it resumes. {@code
 * emitsEvents} is the upload's choice of webhook events for what the job records (off by default).
 */
record ImportJob(
    long id,
    ImportKind kind,
    ImportFormat format,
    boolean emitsEvents,
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
