package org.loyaltygraph.bulkimport;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Import jobs, their files and their leases. A row in status {@value #UPLOADING} is an upload whose
 * file is still streaming in: not yet a job, so no query of jobs answers it and no worker leases
 * it.
 */
@Repository
class ImportJobRepository {

  static final String UPLOADING = "UPLOADING";

  private static final String COLUMNS =
      "id, kind, format, emits_events, status, content_hash, size_bytes, created_by, rows_total,"
          + " next_record, rows_imported, rows_skipped, rows_failed, attempts, lease_owner,"
          + " lease_until, created_at, started_at, finished_at";

  private final JdbcClient jdbc;

  ImportJobRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Inserts the row of an upload that is still streaming in, in status {@value #UPLOADING} under a
   * key of its own, with {@code lease_until} as the time by which its next chunk must arrive;
   * {@link #complete} makes it a QUEUED job once the whole file is in and checked.
   */
  long insertUpload(
      ImportKind kind,
      ImportFormat format,
      boolean emitsEvents,
      String createdBy,
      Instant now,
      Instant idleUntil) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO import_job (kind, format, emits_events, status, idempotency_key,"
                + " content_hash, size_bytes, created_by, rows_total, lease_until, created_at)"
                + " VALUES (?, ?, ?, ?, ?, '', 0, ?, 0, ?, ?)")
        .params(
            kind.name(),
            format.name(),
            emitsEvents,
            UPLOADING,
            "upload:" + UUID.randomUUID(),
            createdBy,
            Timestamp.from(idleUntil),
            Timestamp.from(now))
        .update(key, "id");
    return key.getKey().longValue();
  }

  /**
   * Moves the idle deadline of an upload still streaming in, locking its row; false when it is gone
   * (swept as abandoned, or discarded), and then no chunk may be added.
   */
  boolean extendUpload(long id, Instant idleUntil) {
    return jdbc.sql("UPDATE import_job SET lease_until = ? WHERE id = ? AND status = ?")
            .params(Timestamp.from(idleUntil), id, UPLOADING)
            .update()
        == 1;
  }

  /**
   * Makes a stored and checked upload a QUEUED job, with its idempotency key, hash, size and record
   * count; false when the upload is gone (swept as abandoned). A job committed meanwhile with the
   * same idempotency key makes this fail on the unique key.
   */
  boolean complete(
      long id, String idempotencyKey, String contentHash, long size, int rowsTotal, Instant now) {
    return jdbc.sql(
                "UPDATE import_job SET status = 'QUEUED', idempotency_key = ?, content_hash = ?,"
                    + " size_bytes = ?, rows_total = ?, lease_until = NULL, created_at = ?"
                    + " WHERE id = ? AND status = ?")
            .params(
                idempotencyKey, contentHash, size, rowsTotal, Timestamp.from(now), id, UPLOADING)
            .update()
        == 1;
  }

  void insertChunk(long jobId, int chunkNo, byte[] content) {
    jdbc.sql("INSERT INTO import_file_chunk (job_id, chunk_no, content) VALUES (?, ?, ?)")
        .params(jobId, chunkNo, content)
        .update();
  }

  /**
   * Deletes an upload that never became a job, and its chunks; a job that was queued is left alone.
   * Call inside a transaction: the row is deleted (and so locked) first, so a chunk written at the
   * same time either goes before and is deleted too, or finds the row gone and is not written.
   */
  void deleteUpload(long id) {
    int deleted =
        jdbc.sql("DELETE FROM import_job WHERE id = ? AND status = ?")
            .params(id, UPLOADING)
            .update();
    if (deleted == 1) {
      jdbc.sql("DELETE FROM import_file_chunk WHERE job_id = ?").param(id).update();
    }
  }

  /**
   * Locks uploads whose idle deadline passed before {@code now}, skipping those a chunk is being
   * written to. Call inside a transaction, then {@link #deleteUpload}.
   */
  List<Long> lockAbandonedUploads(Instant now, int limit) {
    return jdbc.sql(
            "SELECT id FROM import_job WHERE status = ? AND lease_until < ?"
                + " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")
        .params(UPLOADING, Timestamp.from(now), limit)
        .query(Long.class)
        .list();
  }

  /** One chunk of a job's file; empty past its last. */
  Optional<byte[]> chunk(long jobId, int chunkNo) {
    return jdbc.sql("SELECT content FROM import_file_chunk WHERE job_id = ? AND chunk_no = ?")
        .params(jobId, chunkNo)
        .query((rs, n) -> rs.getBytes(1))
        .optional();
  }

  Optional<ImportJob> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM import_job WHERE id = ? AND status <> ?")
        .params(id, UPLOADING)
        .query(ImportJobRepository::map)
        .optional();
  }

  /** The job of an idempotency key, with the hash of the content it was created with. */
  Optional<KeyedJob> findByKey(String idempotencyKey) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + ", idempotency_key FROM import_job WHERE idempotency_key = ? AND status <> ?")
        .params(idempotencyKey, UPLOADING)
        .query((rs, n) -> new KeyedJob(map(rs, n), rs.getString("content_hash")))
        .optional();
  }

  /** A job and the content hash its key was first used with. */
  record KeyedJob(ImportJob job, String contentHash) {}

  /** Newest first: the rows with an id below {@code before}. */
  List<ImportJob> page(OptionalLong before, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM import_job WHERE id < ? AND status <> ? ORDER BY id DESC LIMIT ?")
        .params(before.orElse(Long.MAX_VALUE), UPLOADING, limit)
        .query(ImportJobRepository::map)
        .list();
  }

  /**
   * Locks the oldest job that is QUEUED, or RUNNING with an expired lease, skipping jobs another
   * transaction holds; {@code onlyId} restricts it to one job. Call inside a transaction, then
   * {@link #lease}.
   */
  Optional<ImportJob> lockDue(Instant now, OptionalLong onlyId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM import_job WHERE status IN ('QUEUED', 'RUNNING')"
                + " AND (lease_until IS NULL OR lease_until < ?)"
                + (onlyId.isPresent() ? " AND id = ?" : "")
                + " ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED")
        .params(
            onlyId.isPresent()
                ? List.of(Timestamp.from(now), onlyId.getAsLong())
                : List.of(Timestamp.from(now)))
        .query(ImportJobRepository::map)
        .optional();
  }

  void lease(long id, String owner, Instant now, Instant until) {
    jdbc.sql(
            "UPDATE import_job SET status = 'RUNNING', lease_owner = ?, lease_until = ?,"
                + " attempts = attempts + 1, started_at = COALESCE(started_at, ?) WHERE id = ?")
        .params(owner, Timestamp.from(until), Timestamp.from(now), id)
        .update();
  }

  /**
   * Adds a batch's progress and extends the lease, if {@code owner} still holds it (a job canceled
   * meanwhile still counts what was done). Answers false when another instance took the job over.
   */
  boolean commitProgress(
      long id, String owner, int records, int imported, int skipped, int failed, Instant until) {
    return jdbc.sql(
                "UPDATE import_job SET next_record = next_record + ?, rows_imported = rows_imported"
                    + " + ?, rows_skipped = rows_skipped + ?, rows_failed = rows_failed + ?,"
                    + " attempts = 0, lease_until = CASE WHEN status = 'RUNNING' THEN ? ELSE"
                    + " lease_until END WHERE id = ? AND lease_owner = ?"
                    + " AND status IN ('RUNNING', 'CANCELED')")
            .params(records, imported, skipped, failed, Timestamp.from(until), id, owner)
            .update()
        == 1;
  }

  Optional<ImportStatus> status(long id) {
    return jdbc.sql("SELECT status FROM import_job WHERE id = ?")
        .param(id)
        .query((rs, n) -> ImportStatus.valueOf(rs.getString(1)))
        .optional();
  }

  /** Ends a job its owner finished (DONE) or gave up on (FAILED); answers false if not its own. */
  boolean finish(long id, String owner, ImportStatus status, Instant now) {
    return jdbc.sql(
                "UPDATE import_job SET status = ?, finished_at = ?, lease_owner = NULL,"
                    + " lease_until = NULL WHERE id = ? AND lease_owner = ? AND status = 'RUNNING'")
            .params(status.name(), Timestamp.from(now), id, owner)
            .update()
        == 1;
  }

  /** Marks a job FAILED (too many leases without progress); called under its row lock. */
  void fail(long id, Instant now) {
    jdbc.sql(
            "UPDATE import_job SET status = 'FAILED', finished_at = ?, lease_owner = NULL,"
                + " lease_until = NULL WHERE id = ?")
        .params(Timestamp.from(now), id)
        .update();
  }

  /** Cancels a job that has not ended; answers false when it had. */
  boolean cancel(long id, Instant now) {
    return jdbc.sql(
                "UPDATE import_job SET status = 'CANCELED', finished_at = ? WHERE id = ?"
                    + " AND status IN ('QUEUED', 'RUNNING')")
            .params(Timestamp.from(now), id)
            .update()
        == 1;
  }

  private static ImportJob map(ResultSet rs, int n) throws SQLException {
    return new ImportJob(
        rs.getLong("id"),
        ImportKind.valueOf(rs.getString("kind")),
        ImportFormat.valueOf(rs.getString("format")),
        rs.getBoolean("emits_events"),
        ImportStatus.valueOf(rs.getString("status")),
        rs.getString("content_hash"),
        rs.getLong("size_bytes"),
        rs.getString("created_by"),
        rs.getInt("rows_total"),
        rs.getInt("next_record"),
        rs.getInt("rows_imported"),
        rs.getInt("rows_skipped"),
        rs.getInt("rows_failed"),
        rs.getInt("attempts"),
        rs.getString("lease_owner"),
        instant(rs, "lease_until"),
        instant(rs, "created_at"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
