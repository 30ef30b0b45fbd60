package org.loyaltygraph.testing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rows of every table of the database, counted and checksummed, to show that a refused call
 * wrote nothing anywhere, an insert, a delete or an update: compare a snapshot taken before the
 * call with one taken after ({@code assertThat(TableSnapshot.of(jdbc)).isEqualTo(before)}; a
 * failure prints both, table by table, as {@code rows/checksum}).
 *
 * <p>The scheduled jobs write too: before the first snapshot, run the ones that could find work due
 * on the test's clock (points maintenance, tier evaluation), so only the call under test can change
 * a table.
 */
public record TableSnapshot(Map<String, String> tables) {

  public static TableSnapshot of(JdbcClient jdbc) {
    List<String> names =
        jdbc.sql(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                    + " AND table_type = 'BASE TABLE'")
            .query(String.class)
            .list();
    Map<String, String> tables = new TreeMap<>();
    for (String table : names) {
      // information_schema's table_rows is an estimate under InnoDB: count
      long rows = jdbc.sql("SELECT COUNT(*) FROM `" + table + "`").query(Long.class).single();
      // MySQL and MariaDB both checksum a table's contents, row by row: an update changes it
      String checksum =
          jdbc.sql("CHECKSUM TABLE `" + table + "`").query((rs, n) -> rs.getString(2)).single();
      tables.put(table, rows + "/" + checksum);
    }
    return new TableSnapshot(tables);
  }
}
