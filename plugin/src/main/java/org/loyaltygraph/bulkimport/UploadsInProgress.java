package org.loyaltygraph.bulkimport;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Uploads whose file is still streaming in. Each chunk is written in a short transaction of its
 * own, so an upload borrows a database connection only while a chunk is written, never while its
 * client sends the next one; the row stays {@code UPLOADING} (no job) until the upload completes.
 * What a failed upload stored is discarded at once; what an instance that died mid-upload left
 * behind is swept once it has stored nothing for {@code upload-idle-timeout}.
 */
@Component
class UploadsInProgress {

  private static final Logger log = LoggerFactory.getLogger(UploadsInProgress.class);
  private static final int SWEEP_BATCH = 100;

  private final ImportJobRepository jobs;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final ImportProperties properties;

  UploadsInProgress(
      ImportJobRepository jobs,
      TransactionTemplate transactions,
      Clock clock,
      ImportProperties properties) {
    this.jobs = jobs;
    this.transactions = transactions;
    this.clock = clock;
    this.properties = properties;
  }

  /** Starts an upload; answers the id its job will have. */
  long begin(ImportKind kind, ImportFormat format, boolean emitsEvents, String createdBy) {
    Instant now = clock.instant();
    return jobs.insertUpload(
        kind, format, emitsEvents, createdBy, now, now.plus(properties.uploadIdleTimeout()));
  }

  /** Stores one chunk and commits it; false when the upload was swept meanwhile. */
  boolean store(long jobId, int chunkNo, byte[] content) {
    return Boolean.TRUE.equals(
        transactions.execute(
            status -> {
              if (!jobs.extendUpload(jobId, clock.instant().plus(properties.uploadIdleTimeout()))) {
                return false;
              }
              jobs.insertChunk(jobId, chunkNo, content);
              return true;
            }));
  }

  /** Deletes an upload that did not become a job, with its chunks. */
  void discard(long jobId) {
    transactions.executeWithoutResult(status -> jobs.deleteUpload(jobId));
  }

  @Scheduled(
      fixedDelayString = "${loyaltygraph.imports.upload-sweep-interval:10m}",
      initialDelayString = "${loyaltygraph.imports.upload-sweep-interval:10m}")
  void scheduled() {
    if (!properties.workerEnabled()) {
      return;
    }
    try {
      int swept = sweepAbandoned();
      if (swept > 0) {
        log.info("imports: {} abandoned uploads deleted", swept);
      }
    } catch (RuntimeException e) {
      log.warn("imports: the sweep of abandoned uploads failed; the next run retries", e);
    }
  }

  /** Deletes the uploads idle for longer than {@code upload-idle-timeout}; answers how many. */
  int sweepAbandoned() {
    int swept = 0;
    while (true) {
      List<Long> batch =
          transactions.execute(
              status -> {
                List<Long> ids = jobs.lockAbandonedUploads(clock.instant(), SWEEP_BATCH);
                ids.forEach(jobs::deleteUpload);
                return ids;
              });
      swept += batch.size();
      if (batch.size() < SWEEP_BATCH) {
        return swept;
      }
    }
  }
}
