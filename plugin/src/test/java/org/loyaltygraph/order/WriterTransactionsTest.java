package org.loyaltygraph.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The writers' transactions: what the repositories write through the application's data source
 * commits or rolls back with them, and they cost no auto-commit switching.
 */
@LoyaltyGraphTest
class WriterTransactionsTest {

  @Autowired WriterTransactions writerTransactions;
  @Autowired TransactionTemplate applicationTransactions;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void createTable() {
    jdbc.execute("DROP TABLE IF EXISTS writer_transactions_test");
    jdbc.execute("CREATE TABLE writer_transactions_test (id INT PRIMARY KEY)");
  }

  @AfterEach
  void dropTable() {
    jdbc.execute("DROP TABLE IF EXISTS writer_transactions_test");
  }

  @Test
  void theWritersHaveTheirOwnPoolOnTheTestDatabase() {
    assertThat(writerTransactions.ownPool()).isTrue();
  }

  @Test
  void writesThroughTheApplicationDataSourceCommitWithTheTransaction() {
    writerTransactions
        .transactions()
        .executeWithoutResult(
            status -> {
              jdbc.update("INSERT INTO writer_transactions_test VALUES (1)");
              // inside: the same connection sees its own write, and is in a transaction
              assertThat(count()).isEqualTo(1);
              assertThat(jdbc.queryForObject("SELECT @@autocommit", Integer.class)).isZero();
            });

    assertThat(count()).isEqualTo(1);
  }

  @Test
  void writesThroughTheApplicationDataSourceRollBackWithTheTransaction() {
    assertThatThrownBy(
            () ->
                writerTransactions
                    .transactions()
                    .executeWithoutResult(
                        status -> {
                          jdbc.update("INSERT INTO writer_transactions_test VALUES (1)");
                          throw new IllegalStateException("the batch failed");
                        }))
        .hasMessage("the batch failed");
    writerTransactions.transactions().executeWithoutResult(status -> status.setRollbackOnly());
    writerTransactions
        .transactions()
        .executeWithoutResult(
            status -> {
              jdbc.update("INSERT INTO writer_transactions_test VALUES (2)");
              status.setRollbackOnly();
            });

    // nothing of a rolled-back batch reaches the next transaction on the same connection
    writerTransactions
        .transactions()
        .executeWithoutResult(
            status -> jdbc.update("INSERT INTO writer_transactions_test VALUES (3)"));
    assertThat(jdbc.queryForList("SELECT id FROM writer_transactions_test", Integer.class))
        .containsExactly(3);
  }

  @Test
  void theWritersTransactionsSendNoAutoCommitSwitches() {
    List<long[]> writers = sessionsAcross(writerTransactions.transactions());
    List<long[]> application = sessionsAcross(applicationTransactions);

    // the application's transactions switch auto-commit off and on: two SETs each
    assertThat(setOptionsBetweenTransactionsOfOneConnection(application))
        .isNotEmpty()
        .allMatch(n -> n == 2);
    assertThat(setOptionsBetweenTransactionsOfOneConnection(writers))
        .isNotEmpty()
        .allMatch(n -> n == 0);
  }

  /** Per transaction: its connection's id and how many SET statements it had run so far. */
  private List<long[]> sessionsAcross(TransactionTemplate transactions) {
    List<long[]> sessions = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      sessions.add(
          transactions.execute(
              status ->
                  new long[] {
                    jdbc.queryForObject("SELECT CONNECTION_ID()", Long.class),
                    jdbc.query(
                            "SHOW SESSION STATUS LIKE 'Com_set_option'", (rs, row) -> rs.getLong(2))
                        .get(0)
                  }));
    }
    return sessions;
  }

  /** The SET statements run between two consecutive transactions on the same connection. */
  private static List<Long> setOptionsBetweenTransactionsOfOneConnection(List<long[]> sessions) {
    List<Long> between = new ArrayList<>();
    for (int i = 1; i < sessions.size(); i++) {
      if (sessions.get(i)[0] == sessions.get(i - 1)[0]) {
        between.add(sessions.get(i)[1] - sessions.get(i - 1)[1]);
      }
    }
    return between;
  }

  private int count() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM writer_transactions_test", Integer.class);
  }
}
