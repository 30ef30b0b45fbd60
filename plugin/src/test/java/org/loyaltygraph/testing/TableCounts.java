package org.loyaltygraph.testing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The number of rows of every table of the database, to show that a refused call wrote nothing
 * anywhere: compare a snapshot taken before the call with one taken after ({@code
 * assertThat(TableCounts.of(jdbc)).isEqualTo(before)}; a failure prints both, table by table).
 *
 * <p>The scheduled jobs write too: before the first snapshot, run the ones that could find work due
 * on the test's clock (points maintenance, tier evaluation), so only the call under test can change
 * a count.
 */
public record TableCounts(Map<String, Long> rows) {

  public static TableCounts of(JdbcClient jdbc) {
    List<String> tables =
        jdbc.sql(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                    + " AND table_type = 'BASE TABLE'")
            .query(String.class)
            .list();
    Map<String, Long> rows = new TreeMap<>();
    for (String table : tables) {
      // information_schema's table_rows is an estimate under InnoDB: count
      rows.put(table, jdbc.sql("SELECT COUNT(*) FROM `" + table + "`").query(Long.class).single());
    }
    return new TableCounts(rows);
  }
}
