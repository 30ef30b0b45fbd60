package org.loyaltygraph.system;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * One {@code INSERT ... VALUES (...), (...)} statement for many rows, every value bound once.
 *
 * <p>{@code JdbcTemplate.batchUpdate} gets the same single statement from Connector/J's {@code
 * rewriteBatchedStatements}, but the driver copies every row's values on {@code addBatch}, measures
 * them all against {@code max_allowed_packet}, and then rebinds them into the rewritten statement:
 * on {@code orderRecord}'s batches that was half of the order and line inserts' CPU. Rows go in
 * chunks of at most {@value #MAX_ROWS} (a few kilobytes of SQL, under {@code max_allowed_packet} by
 * far), so one table has at most that many statement texts for the driver's statement cache.
 */
public final class MultiRowInsert {

  static final int MAX_ROWS = 64;

  private final String head;
  private final String row;
  private final String tail;
  private final int columns;
  private final String[] sqlByRows = new String[MAX_ROWS + 1];

  private MultiRowInsert(String head, String row, String tail, int columns) {
    this.head = head;
    this.row = row;
    this.tail = tail;
    this.columns = columns;
  }

  /** {@code INSERT INTO table (columns) VALUES ...}; {@code columns} comma-separated. */
  public static MultiRowInsert into(String table, String columns) {
    int count = columns.split(",").length;
    StringBuilder row = new StringBuilder("(?");
    row.append(",?".repeat(count - 1)).append(')');
    return new MultiRowInsert(
        "INSERT INTO " + table + " (" + columns + ") VALUES ", row.toString(), "", count);
  }

  /** The same, with {@code ON DUPLICATE KEY UPDATE assignments} after the rows. */
  public MultiRowInsert onDuplicateKeyUpdate(String assignments) {
    return new MultiRowInsert(head, row, " ON DUPLICATE KEY UPDATE " + assignments, columns);
  }

  /** Inserts the rows, each an array of one value per column, in order; nothing for none. */
  public void insert(JdbcOperations jdbc, List<Object[]> rows) {
    for (int from = 0; from < rows.size(); from += MAX_ROWS) {
      List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + MAX_ROWS));
      jdbc.update(sql(chunk.size()), ps -> bind(ps, chunk));
    }
  }

  String sql(int rows) {
    String sql = sqlByRows[rows];
    if (sql == null) {
      StringBuilder s =
          new StringBuilder(head.length() + rows * (row.length() + 1) + tail.length());
      s.append(head).append(row);
      for (int i = 1; i < rows; i++) {
        s.append(',').append(row);
      }
      sql = s.append(tail).toString();
      sqlByRows[rows] = sql; // a race builds the same text twice, harmlessly
    }
    return sql;
  }

  private void bind(PreparedStatement ps, List<Object[]> rows) throws SQLException {
    int index = 1;
    for (Object[] values : rows) {
      if (values.length != columns) {
        throw new IllegalArgumentException(
            "a row of " + values.length + " values for " + columns + " columns");
      }
      for (Object value : values) {
        if (value == null) {
          ps.setNull(index, Types.NULL);
        } else if (value instanceof String s) {
          ps.setString(index, s);
        } else if (value instanceof Long l) {
          ps.setLong(index, l);
        } else if (value instanceof Integer i) {
          ps.setInt(index, i);
        } else {
          ps.setObject(index, value);
        }
        index++;
      }
    }
  }
}
