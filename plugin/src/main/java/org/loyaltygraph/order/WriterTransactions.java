package org.loyaltygraph.order;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.InfrastructureProxy;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactions of {@link OrderBatcher}'s writer threads, on a pool of their own ({@code
 * loyaltygraph-order-writers}, one connection a writer) whose connections keep auto-commit off.
 *
 * <p>Spring's transaction manager turns a pooled connection's auto-commit off before each
 * transaction and back on after it: two round trips to the database, out of about fourteen for a
 * whole batch of orders. On these connections it finds auto-commit off already and sends neither;
 * each batch still ends in its COMMIT (or ROLLBACK), so nothing is left open between batches.
 *
 * <p>The pool copies the application's (URL, credentials, driver properties, isolation) and binds
 * its connection as the application's {@link DataSource}, so every repository, which takes its
 * connection from that one, writes in the batch's transaction as in any other. With a data source
 * that is not Hikari, or no writer threads, the writers use the application's transactions.
 */
@Component
class WriterTransactions implements DisposableBean {

  private final TransactionTemplate template;
  private final HikariDataSource pool;

  WriterTransactions(
      DataSource dataSource,
      TransactionTemplate applicationTransactions,
      OrderProperties properties,
      MeterRegistry meters) {
    HikariDataSource application = hikari(dataSource);
    int writers = properties.batch().writers();
    if (application == null || writers == 0) {
      this.pool = null;
      this.template = applicationTransactions;
      return;
    }
    HikariDataSource own = new HikariDataSource(); // starts on its first connection
    application.copyStateTo(own);
    own.setPoolName("loyaltygraph-order-writers");
    own.setAutoCommit(false);
    own.setMaximumPoolSize(writers);
    own.setMinimumIdle(writers);
    own.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
    this.pool = own;
    this.template =
        new TransactionTemplate(
            new DataSourceTransactionManager(new BoundAs(own, dataSource)),
            applicationTransactions);
  }

  /** Runs batches' transactions. */
  TransactionTemplate transactions() {
    return template;
  }

  /** Whether the writers have their own pool (false: the application's transactions). */
  boolean ownPool() {
    return pool != null;
  }

  @Override
  public void destroy() {
    if (pool != null) {
      pool.close();
    }
  }

  private static HikariDataSource hikari(DataSource dataSource) {
    try {
      return dataSource.isWrapperFor(HikariDataSource.class)
          ? dataSource.unwrap(HikariDataSource.class)
          : null;
    } catch (SQLException e) {
      return null;
    }
  }

  /**
   * Connections of {@code pool}, bound in transactions under {@code application}: Spring unwraps an
   * {@link InfrastructureProxy} to key the transaction's connection, so code that asks {@code
   * application} for a connection inside the transaction gets this one.
   */
  private static final class BoundAs extends DelegatingDataSource implements InfrastructureProxy {

    private final DataSource application;

    BoundAs(DataSource pool, DataSource application) {
      super(pool);
      this.application = application;
    }

    @Override
    public Object getWrappedObject() {
      return application;
    }
  }
}
