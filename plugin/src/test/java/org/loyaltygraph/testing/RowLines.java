package org.loyaltygraph.testing;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rows of a query as text a test can compare: each row's columns, in order, joined by spaces. */
public final class RowLines {

  private RowLines() {}

  public static List<String> of(JdbcClient jdbc, String sql, Object... params) {
    return jdbc.sql(sql)
        .params(params)
        .query(
            (rs, row) -> {
              int columns = rs.getMetaData().getColumnCount();
              List<String> values = new ArrayList<>(columns);
              for (int i = 1; i <= columns; i++) {
                values.add(rs.getString(i));
              }
              return String.join(" ", values);
            })
        .list();
  }
}
