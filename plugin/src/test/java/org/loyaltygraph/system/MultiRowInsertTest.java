package org.loyaltygraph.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** Rows go in as they were given, in chunks, with the database's own errors. */
@LoyaltyGraphTest
class MultiRowInsertTest {

  private static final MultiRowInsert INSERT =
      MultiRowInsert.into("multi_row_insert_test", "id, name, amount, at");

  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void createTable() {
    jdbc.execute("DROP TABLE IF EXISTS multi_row_insert_test");
    jdbc.execute(
        "CREATE TABLE multi_row_insert_test (id BIGINT PRIMARY KEY, name VARCHAR(40) NULL,"
            + " amount DECIMAL(12, 4) NULL, at DATETIME(6) NULL, total BIGINT NOT NULL DEFAULT 0,"
            // numbers the rows in the order they were written
            + " seq BIGINT NOT NULL AUTO_INCREMENT, UNIQUE KEY (seq))");
  }

  @AfterEach
  void dropTable() {
    jdbc.execute("DROP TABLE IF EXISTS multi_row_insert_test");
  }

  @Test
  void insertsEveryRowWithItsValuesOverSeveralChunks() {
    int count = 2 * MultiRowInsert.MAX_ROWS + 7;
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(
          new Object[] {
            (long) i,
            i % 5 == 0 ? null : "it's row \"" + i + "\" \\",
            i % 3 == 0 ? null : new BigDecimal("1.2500").multiply(BigDecimal.valueOf(i)),
            // whole seconds: Connector/J sends MariaDB none (it reads the server as 5.5.5)
            LocalDateTime.of(2026, 5, 1, 10, 0).plusSeconds(i)
          });
    }

    INSERT.insert(jdbc, rows);

    List<Map<String, Object>> stored =
        jdbc.queryForList("SELECT id, name, amount, at FROM multi_row_insert_test ORDER BY id");
    assertThat(stored).hasSize(count);
    for (int i = 0; i < count; i++) {
      Map<String, Object> row = stored.get(i);
      assertThat(((Number) row.get("id")).longValue()).isEqualTo(i);
      assertThat(row.get("name")).isEqualTo(rows.get(i)[1]);
      if (rows.get(i)[2] == null) {
        assertThat(row.get("amount")).isNull();
      } else {
        assertThat((BigDecimal) row.get("amount"))
            .isEqualByComparingTo((BigDecimal) rows.get(i)[2]);
      }
      assertThat(row.get("at")).isEqualTo(rows.get(i)[3]);
    }
  }

  @Test
  void onDuplicateKeyUpdateAppliesToEveryRowOfTheStatementAndWarnsOfNothing() {
    MultiRowInsert add =
        MultiRowInsert.into("multi_row_insert_test", "id, name, total")
            .onDuplicateKeyUpdate(
                "total = multi_row_insert_test.total + new_row.total, name = new_row.name");
    add.insert(jdbc, List.of(new Object[] {1L, "a", 5L}, new Object[] {2L, null, 7L}));
    List<String> warnings =
        jdbc.execute(
            (ConnectionCallback<List<String>>)
                connection -> {
                  JdbcTemplate one =
                      new JdbcTemplate(new SingleConnectionDataSource(connection, true));
                  add.insert(
                      one,
                      List.of(
                          new Object[] {3L, "a longer name than before", 1L},
                          new Object[] {2L, "b", 10L}));
                  // MySQL 8.0.20+ warns (1287) on every statement that reads VALUES(column)
                  return one.queryForList("SHOW WARNINGS", String.class);
                });
    add.insert(jdbc, List.<Object[]>of(new Object[] {1L, "c", 100L}));

    assertThat(warnings).isEmpty();
    assertThat(jdbc.queryForList("SELECT id, name, total FROM multi_row_insert_test ORDER BY id"))
        .containsExactly(
            Map.of("id", 1L, "name", "c", "total", 105L),
            Map.of("id", 2L, "name", "b", "total", 17L),
            Map.of("id", 3L, "name", "a longer name than before", "total", 1L));
  }

  @Test
  void anUpsertWritesItsRowsInTheOrderGiven() {
    MultiRowInsert upsert =
        MultiRowInsert.into("multi_row_insert_test", "id, total")
            .onDuplicateKeyUpdate("total = new_row.total");

    assertThat(upsert.sql(3))
        .isEqualTo(
            "INSERT INTO multi_row_insert_test (id, total) SELECT id, total FROM ("
                + "SELECT ? AS id, ? AS total, 0 AS row_no UNION ALL SELECT ?, ?, 1"
                + " UNION ALL SELECT ?, ?, 2) AS new_row ORDER BY row_no"
                + " ON DUPLICATE KEY UPDATE total = new_row.total");
    upsert.insert(
        jdbc, List.of(new Object[] {9L, 1L}, new Object[] {4L, 2L}, new Object[] {6L, 3L}));
    assertThat(jdbc.queryForList("SELECT id FROM multi_row_insert_test ORDER BY seq", Long.class))
        .containsExactly(9L, 4L, 6L);
  }

  @Test
  void aTakenKeyIsTheDatabasesDuplicateKeyErrorAndNoRowOfTheStatementStays() {
    INSERT.insert(jdbc, List.<Object[]>of(new Object[] {1L, "a", null, null}));

    assertThatThrownBy(
            () ->
                INSERT.insert(
                    jdbc,
                    List.of(
                        new Object[] {2L, "b", null, null}, new Object[] {1L, "c", null, null})))
        .isInstanceOf(DuplicateKeyException.class);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM multi_row_insert_test", Long.class))
        .isEqualTo(1);
  }

  @Test
  void noRowsIsNoStatementAndARowOfTheWrongWidthIsRefused() {
    INSERT.insert(jdbc, List.of());
    assertThatThrownBy(() -> INSERT.insert(jdbc, List.<Object[]>of(new Object[] {1L, "a"})))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM multi_row_insert_test", Long.class))
        .isZero();
  }
}
