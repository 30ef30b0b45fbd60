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

  /** Where a row's position goes in the text of an upsert's rows. */
  private static final String ROW_NO = "#";

  /** The name by which {@link #onDuplicateKeyUpdate} assignments read a row's new values. */
  public static final String NEW_ROW = "new_row";

  private final String names;
  private final String head;
  private final String firstRow;
  private final String separator;
  private final String row;
  private final String tail;
  private final int columns;
  private final String[] sqlByRows = new String[MAX_ROWS + 1];

  private MultiRowInsert(
      String names,
      String head,
      String firstRow,
      String separator,
      String row,
      String tail,
      int columns) {
    this.names = names;
    this.head = head;
    this.firstRow = firstRow;
    this.separator = separator;
    this.row = row;
    this.tail = tail;
    this.columns = columns;
  }

  /** {@code INSERT INTO table (columns) VALUES ...}; {@code columns} comma-separated. */
  public static MultiRowInsert into(String table, String columns) {
    int count = columns.split(",").length;
    String row = "(?" + ",?".repeat(count - 1) + ")";
    return new MultiRowInsert(
        columns, "INSERT INTO " + table + " (" + columns + ") VALUES ", row, ",", row, "", count);
  }

  /**
   * The same rows as an upsert: {@code ON DUPLICATE KEY UPDATE assignments}, where the assignments
   * read a row's new values as {@code new_row.column} ({@link #NEW_ROW}) and the stored ones as
   * {@code table.column}. The rows go in in the order given, so callers that give them in key order
   * lock them in key order.
   *
   * <p>The rows are a derived table, {@code INSERT ... SELECT ... FROM (SELECT ... UNION ALL SELECT
   * ...) AS new_row ORDER BY row_no ON DUPLICATE KEY UPDATE}, because it is the one form that names
   * the new values on both servers: MySQL deprecated {@code VALUES(column)} in 8.0.20 (a warning on
   * every statement, and removal announced) for a row alias, {@code VALUES (...) AS new_row}, that
   * MariaDB does not have. Each row carries its position ({@code row_no}), since a derived table
   * has no order of its own. Like any {@code INSERT ... SELECT ... ON DUPLICATE KEY UPDATE}, it is
   * unsafe for statement-based replication: the servers' default binlog formats (ROW on MySQL,
   * MIXED on MariaDB) log it as rows.
   */
  public MultiRowInsert onDuplicateKeyUpdate(String assignments) {
    StringBuilder first = new StringBuilder("SELECT ");
    for (String name : names.split(",")) {
      first.append("? AS ").append(name.strip()).append(", ");
    }
    return new MultiRowInsert(
        names,
        head.replace(") VALUES ", ") SELECT " + names + " FROM ("),
        first.append(ROW_NO).append(" AS row_no").toString(),
        " UNION ALL ",
        "SELECT " + "?, ".repeat(columns) + ROW_NO,
        ") AS " + NEW_ROW + " ORDER BY row_no ON DUPLICATE KEY UPDATE " + assignments,
        columns);
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
          new StringBuilder(
              head.length()
                  + firstRow.length()
                  + rows * (row.length() + separator.length())
                  + tail.length());
      s.append(head).append(firstRow.replace(ROW_NO, "0"));
      for (int i = 1; i < rows; i++) {
        s.append(separator).append(row.replace(ROW_NO, Integer.toString(i)));
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
