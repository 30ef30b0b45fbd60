package org.loyaltygraph.bulkimport;

import java.util.List;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The errors of each job's records, in the order they were found. */
@Repository
class ImportErrorRepository {

  private final JdbcClient jdbc;

  ImportErrorRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(long jobId, List<RowError> errors) {
    for (RowError e : errors) {
      jdbc.sql(
              "INSERT INTO import_error (job_id, line_no, record_key, field, code, message)"
                  + " VALUES (?, ?, ?, ?, ?, ?)")
          .params(
              jobId,
              e.line(),
              truncate(e.recordKey(), 128),
              e.field() == null ? null : truncate(String.join(".", e.field()), 255),
              truncate(e.code(), 64),
              truncate(e.message(), 1000))
          .update();
    }
  }

  List<RowError> page(long jobId, OptionalLong after, int limit) {
    return jdbc.sql(
            "SELECT id, line_no, record_key, field, code, message FROM import_error"
                + " WHERE job_id = ? AND id > ? ORDER BY id LIMIT ?")
        .params(jobId, after.orElse(0), limit)
        .query(
            (rs, n) ->
                new RowError(
                    rs.getLong("id"),
                    rs.getInt("line_no"),
                    rs.getString("record_key"),
                    rs.getString("field") == null
                        ? null
                        : List.of(rs.getString("field").split("\\.")),
                    rs.getString("code"),
                    rs.getString("message")))
        .list();
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
