package org.loyaltygraph.bulkimport;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processes import jobs in the background, on every instance. A job is leased through its row
 * ({@code FOR UPDATE SKIP LOCKED}, then {@code lease_owner} and {@code lease_until}); each batch's
 * progress (the next record, the counters, the row errors) commits in one transaction that also
 * extends the lease. An instance that dies leaves its lease to expire, and the next one resumes
 * after the last committed batch: records the dead instance applied past it are replays that the
 * services answer without writing, and count as skipped.
 */
@Component
class ImportWorker {

  private static final Logger log = LoggerFactory.getLogger(ImportWorker.class);

  private final ImportJobRepository jobs;
  private final ImportErrorRepository errors;
  private final RowApplier applier;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final ImportProperties properties;
  private final String instanceId = "worker-" + UUID.randomUUID();

  ImportWorker(
      ImportJobRepository jobs,
      ImportErrorRepository errors,
      RowApplier applier,
      TransactionTemplate transactions,
      Clock clock,
      ImportProperties properties) {
    this.jobs = jobs;
    this.errors = errors;
    this.applier = applier;
    this.transactions = transactions;
    this.clock = clock;
    this.properties = properties;
  }

  @Scheduled(
      fixedDelayString = "${loyaltygraph.imports.poll-interval:5s}",
      initialDelayString = "${loyaltygraph.imports.poll-interval:5s}")
  void scheduled() {
    if (!properties.workerEnabled()) {
      return;
    }
    try {
      int jobsWorked = runDue(instanceId);
      if (jobsWorked > 0) {
        log.info("imports: worked on {} jobs", jobsWorked);
      }
    } catch (RuntimeException e) {
      // the lease runs out and this or another instance tries again
      log.error("imports: a job stopped on an error; it resumes when its lease expires", e);
    }
  }

  /** Works on due jobs, each to its end, until none is left; answers how many it took. */
  int runDue(String owner) {
    int taken = 0;
    Optional<ImportJob> job;
    while ((job = lease(owner, OptionalLong.empty())).isPresent()) {
      process(job.get(), owner, Integer.MAX_VALUE);
      taken++;
    }
    return taken;
  }

  /**
   * Leases one job, if it is due, and applies at most {@code maxBatches} batches of it. A job left
   * unfinished keeps its lease until it expires, as a crashed instance's would. Answers false when
   * the job was not due (ended, or leased by another instance).
   */
  boolean run(long jobId, String owner, int maxBatches) {
    Optional<ImportJob> job = lease(owner, OptionalLong.of(jobId));
    job.ifPresent(j -> process(j, owner, maxBatches));
    return job.isPresent();
  }

  private Optional<ImportJob> lease(String owner, OptionalLong only) {
    while (true) {
      Lease lease =
          transactions.execute(
              status -> {
                Instant now = clock.instant();
                Optional<ImportJob> due = jobs.lockDue(now, only);
                if (due.isEmpty()) {
                  return new Lease(null, false);
                }
                if (due.get().attempts() >= properties.maxAttempts()) {
                  jobs.fail(due.get().id(), now);
                  log.error(
                      "imports: job {} failed: {} leases in a row without progress",
                      due.get().id(),
                      due.get().attempts());
                  return new Lease(null, true);
                }
                jobs.lease(due.get().id(), owner, now, now.plus(properties.lease()));
                return new Lease(jobs.find(due.get().id()).orElseThrow(), false);
              });
      if (!lease.failedOne()) {
        return Optional.ofNullable(lease.job());
      }
    }
  }

  private record Lease(ImportJob job, boolean failedOne) {}

  private void process(ImportJob job, String owner, int maxBatches) {
    ImportFile file;
    try {
      // read from the stored chunks as the batches go, one chunk in memory at a time
      file = ImportFile.open(() -> new StoredFile(jobs, job.id()), job.kind(), job.format());
    } catch (FileRefused e) {
      // it was readable when it was accepted; only a change of this code could get here
      log.error("imports: job {} cannot read its file: {}", job.id(), e.getMessage());
      jobs.finish(job.id(), owner, ImportStatus.FAILED, clock.instant());
      return;
    }
    Iterator<SourceRecord> records = file.records();
    for (int i = 0; i < job.rowsDone() && records.hasNext(); i++) {
      records.next();
    }
    for (int batches = 0; records.hasNext(); batches++) {
      if (batches == maxBatches) {
        return;
      }
      if (!applyBatch(job, owner, records)) {
        return;
      }
    }
    if (jobs.finish(job.id(), owner, ImportStatus.DONE, clock.instant())) {
      log.info("imports: job {} done", job.id());
    }
  }

  /** Applies and commits one batch; answers false when the job must stop (canceled, taken). */
  private boolean applyBatch(ImportJob job, String owner, Iterator<SourceRecord> records) {
    int count = 0;
    int imported = 0;
    int skipped = 0;
    int failed = 0;
    List<RowError> found = new ArrayList<>();
    while (count < properties.batchSize() && records.hasNext()) {
      RowApplier.Applied applied = applier.apply(job.kind(), records.next(), job.emitsEvents());
      count++;
      switch (applied.outcome()) {
        case IMPORTED -> imported++;
        case SKIPPED -> skipped++;
        case FAILED -> {
          failed++;
          found.addAll(applied.errors());
        }
      }
    }
    int n = count;
    int in = imported;
    int sk = skipped;
    int fa = failed;
    boolean kept =
        Boolean.TRUE.equals(
            transactions.execute(
                status -> {
                  Instant until = clock.instant().plus(properties.lease());
                  if (!jobs.commitProgress(job.id(), owner, n, in, sk, fa, until)) {
                    return false;
                  }
                  errors.insert(job.id(), found);
                  return true;
                }));
    if (!kept) {
      log.info("imports: job {} was taken over by another instance; {} stops", job.id(), owner);
      return false;
    }
    return jobs.status(job.id()).orElse(ImportStatus.CANCELED) == ImportStatus.RUNNING;
  }
}
