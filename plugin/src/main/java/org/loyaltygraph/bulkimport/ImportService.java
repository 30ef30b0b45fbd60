package org.loyaltygraph.bulkimport;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.loyaltygraph.graphql.UserError;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Accepts import files and answers for their jobs. A file streams into the database in chunks, each
 * committed on its own, is checked (UTF-8, CSV header) and counted, and only then becomes a queued
 * job; the same upload again (same Idempotency-Key, or without one the same kind, format, content
 * and choice of events) answers the first job.
 */
@Service
class ImportService {

  static final int MAX_KEY_LENGTH = 128;
  static final String FILE_TOO_LARGE = "FILE_TOO_LARGE";
  static final String UPLOAD_TIMED_OUT = "UPLOAD_TIMED_OUT";
  static final String PACKET_TOO_SMALL = "MAX_ALLOWED_PACKET_TOO_SMALL";

  private final ImportJobRepository jobs;
  private final ImportErrorRepository errors;
  private final UploadsInProgress uploads;
  private final Clock clock;
  private final ImportProperties properties;
  private final ChunkSize chunkSize;

  ImportService(
      ImportJobRepository jobs,
      ImportErrorRepository errors,
      UploadsInProgress uploads,
      Clock clock,
      ImportProperties properties,
      ChunkSize chunkSize) {
    this.jobs = jobs;
    this.errors = errors;
    this.uploads = uploads;
    this.clock = clock;
    this.properties = properties;
    this.chunkSize = chunkSize;
  }

  /** The job (new, or the first one of a replay), or why the upload was refused. */
  record Submission(ImportJob job, boolean replayed, String code, String message) {

    static Submission refused(String code, String message) {
      return new Submission(null, false, code, message);
    }
  }

  /**
   * Streams {@code body} into chunks, each in a short transaction of its own, checks it, and only
   * then queues its job. Whatever ends it otherwise (a refusal, a replay, a body that broke off, an
   * error) deletes what it stored before answering, and no worker ever sees its job. No connection
   * is held while the client sends the body.
   */
  Submission submit(
      ImportKind kind,
      ImportFormat format,
      boolean emitsEvents,
      InputStream body,
      String idempotencyKey,
      String createdBy)
      throws IOException {
    Optional<String> unusable = chunkSize.unusable();
    if (unusable.isPresent()) {
      // before anything is stored; the figures go to the operator's log, not to the uploader
      return Submission.refused(
          PACKET_TOO_SMALL,
          "Imports are unavailable until the service's database allows larger packets"
              + " (max_allowed_packet); the service's log says the value needed.");
    }
    Upload upload = new Upload(kind, format, emitsEvents, idempotencyKey);
    long jobId = uploads.begin(kind, format, emitsEvents, createdBy);
    boolean queued = false;
    try {
      Submission submission = store(upload, jobId, body);
      queued = submission.job() != null && !submission.replayed();
      return submission;
    } finally {
      if (!queued) {
        uploads.discard(jobId);
      }
    }
  }

  /** An upload as it streams in: what it asked for, and its key once its hash is known. */
  private static final class Upload {
    final ImportKind kind;
    final ImportFormat format;
    final boolean emitsEvents;
    final String idempotencyKey;
    String key;
    String hash;

    Upload(ImportKind kind, ImportFormat format, boolean emitsEvents, String idempotencyKey) {
      this.kind = kind;
      this.format = format;
      this.emitsEvents = emitsEvents;
      this.idempotencyKey = idempotencyKey;
    }
  }

  private Submission store(Upload upload, long jobId, InputStream body) throws IOException {
    ChunkWriter.Stored stored =
        ChunkWriter.write(
            body,
            (chunkNo, content) -> uploads.store(jobId, chunkNo, content),
            chunkSize.bytes(),
            properties.maxFileSize().toBytes());
    if (stored.tooLarge()) {
      return Submission.refused(FILE_TOO_LARGE, "The file is larger than the limit.");
    }
    if (stored.expired()) {
      return timedOut();
    }
    upload.hash = stored.contentHash();
    // without a key, the same kind, format, content and choice of events is the same upload
    upload.key =
        upload.idempotencyKey != null
            ? "key:" + upload.idempotencyKey
            : "sha256:"
                + upload.kind.name()
                + ":"
                + upload.format.name()
                + ":"
                + upload.hash
                + (upload.emitsEvents ? ":events" : "");
    Optional<Submission> replay = replay(upload);
    if (replay.isPresent()) {
      return replay.get();
    }
    int rows;
    try {
      rows = ImportFile.open(() -> new StoredFile(jobs, jobId), upload.kind, upload.format).count();
    } catch (FileRefused e) {
      return Submission.refused(e.code(), e.getMessage());
    }
    if (rows == 0) {
      return Submission.refused("EMPTY_FILE", "The file holds no records.");
    }
    try {
      if (!jobs.complete(jobId, upload.key, upload.hash, stored.size(), rows, clock.instant())) {
        return timedOut();
      }
    } catch (DuplicateKeyException raced) {
      // the same upload was queued first from another request
      return replay(upload).orElseThrow(() -> raced);
    }
    return new Submission(jobs.find(jobId).orElseThrow(), false, null, null);
  }

  private Submission timedOut() {
    return Submission.refused(
        UPLOAD_TIMED_OUT,
        "The upload stalled for longer than the server waits and was given up; send the file"
            + " again.");
  }

  private Optional<Submission> replay(Upload upload) {
    return jobs.findByKey(upload.key)
        .map(
            existing ->
                existing.job().kind() == upload.kind
                        && existing.job().format() == upload.format
                        && existing.job().emitsEvents() == upload.emitsEvents
                        && existing.contentHash().equals(upload.hash)
                    ? new Submission(existing.job(), true, null, null)
                    : Submission.refused(
                        "IDEMPOTENCY_KEY_REUSED",
                        "This Idempotency-Key was used for another file or another choice of"
                            + " events; nothing was created."));
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
