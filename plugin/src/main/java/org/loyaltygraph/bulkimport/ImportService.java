package org.loyaltygraph.bulkimport;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.loyaltygraph.graphql.UserError;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts import files and answers for their jobs. A file is checked (UTF-8, CSV header) and
 * counted when it arrives, then stored with its job in one transaction; the same upload again (same
 * Idempotency-Key, or without one the same kind, format and content) answers the first job.
 */
@Service
class ImportService {

  static final int MAX_KEY_LENGTH = 128;

  private final ImportJobRepository jobs;
  private final ImportErrorRepository errors;
  private final TransactionTemplate transactions;
  private final Clock clock;

  ImportService(
      ImportJobRepository jobs,
      ImportErrorRepository errors,
      TransactionTemplate transactions,
      Clock clock) {
    this.jobs = jobs;
    this.errors = errors;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** The job (new, or the first one of a replay), or why the upload was refused. */
  record Submission(ImportJob job, boolean replayed, String code, String message) {

    static Submission refused(String code, String message) {
      return new Submission(null, false, code, message);
    }
  }

  Submission submit(
      ImportKind kind,
      ImportFormat format,
      byte[] content,
      String idempotencyKey,
      String createdBy) {
    ImportFile file;
    try {
      file = ImportFile.open(content, kind, format);
    } catch (FileRefused e) {
      return Submission.refused(e.code(), e.getMessage());
    }
    String hash = file.contentHash();
    String key =
        idempotencyKey != null
            ? "key:" + idempotencyKey
            : "sha256:" + kind.name() + ":" + format.name() + ":" + hash;
    Optional<Submission> replay = replay(key, kind, format, hash);
    if (replay.isPresent()) {
      return replay.get();
    }
    int rows = file.count();
    if (rows == 0) {
      return Submission.refused("EMPTY_FILE", "The file holds no records.");
    }
    try {
      long id =
          transactions.execute(
              status -> {
                long jobId =
                    jobs.insert(
                        kind, format, key, hash, content.length, createdBy, rows, clock.instant());
                jobs.insertContent(jobId, content);
                return jobId;
              });
      return new Submission(jobs.find(id).orElseThrow(), false, null, null);
    } catch (DuplicateKeyException raced) {
      // the same upload committed first from another request
      return replay(key, kind, format, hash).orElseThrow(() -> raced);
    }
  }

  private Optional<Submission> replay(
      String key, ImportKind kind, ImportFormat format, String hash) {
    return jobs.findByKey(key)
        .map(
            existing ->
                existing.job().kind() == kind
                        && existing.job().format() == format
                        && existing.contentHash().equals(hash)
                    ? new Submission(existing.job(), true, null, null)
                    : Submission.refused(
                        "IDEMPOTENCY_KEY_REUSED",
                        "This Idempotency-Key was used for another file; nothing was created."));
  }

  Optional<ImportJob> find(String id) {
    return parseId(id).flatMap(jobs::find);
  }

  /** Newest first; {@code after} is the id of the last job of the previous page. */
  List<ImportJob> page(OptionalLong after, int limit) {
    return jobs.page(after, limit);
  }

  List<RowError> errors(long jobId, OptionalLong after, int limit) {
    return errors.page(jobId, after, limit);
  }

  /** The job after the call, or why it was not canceled. */
  record Cancellation(ImportJob job, List<UserError> userErrors) {}

  Cancellation cancel(String id) {
    Optional<ImportJob> job = find(id);
    if (job.isEmpty()) {
      return new Cancellation(
          null, List.of(UserError.of("NOT_FOUND", "No import job has this id.", "input", "id")));
    }
    jobs.cancel(job.get().id(), clock.instant());
    ImportJob now = jobs.find(job.get().id()).orElseThrow();
    if (now.status() != ImportStatus.CANCELED) {
      return new Cancellation(
          null,
          List.of(
              UserError.of(
                  "JOB_FINISHED",
                  "The job ended " + now.status() + " before it could be canceled.",
                  "input",
                  "id")));
    }
    return new Cancellation(now, List.of());
  }

  private static Optional<Long> parseId(String id) {
    try {
      return id == null ? Optional.empty() : Optional.of(Long.parseLong(id.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
