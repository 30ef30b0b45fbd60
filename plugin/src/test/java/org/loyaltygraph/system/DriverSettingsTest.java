package org.loyaltygraph.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.conf.PropertySet;
import com.mysql.cj.jdbc.JdbcConnection;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The driver settings the service depends on come from its own properties, not from the URL a user
 * writes: they hold with a URL that names nothing but the server (as the tests give it, {@link
 * TestDatabase#serviceUrl()}), and over a URL whose query options say otherwise.
 */
@LoyaltyGraphTest
class DriverSettingsTest {

  @Autowired DataSource dataSource;

  @Test
  void theServiceGivesItsConnectionsItsOwnDriverSettings() throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      assertServiceSettings(connection);
      assertThat(connection.getTransactionIsolation())
          .isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
    }
  }

  @Test
  void theServiceSettingsWinOverTheUrlsQueryOptions() throws Exception {
    try (HikariDataSource contradicted = new HikariDataSource()) {
      dataSource.unwrap(HikariDataSource.class).copyStateTo(contradicted);
      contradicted.setPoolName("driver-settings-test");
      contradicted.setMaximumPoolSize(1);
      contradicted.setJdbcUrl(
          TestDatabase.get().serviceUrl()
              + "&connectionTimeZone=SERVER&preserveInstants=false"
              + "&forceConnectionTimeZoneToSession=false&rewriteBatchedStatements=false"
              + "&sendFractionalSeconds=true&cachePrepStmts=false");

      try (Connection connection = contradicted.getConnection()) {
        assertServiceSettings(connection);
      }
    }
  }

  static void assertServiceSettings(Connection connection) throws Exception {
    PropertySet driver = connection.unwrap(JdbcConnection.class).getPropertySet();
    assertThat(driver.getStringProperty(PropertyKey.connectionTimeZone).getValue())
        .isEqualTo("UTC");
    assertThat(driver.getBooleanProperty(PropertyKey.preserveInstants).getValue()).isTrue();
    assertThat(driver.getBooleanProperty(PropertyKey.forceConnectionTimeZoneToSession).getValue())
        .isTrue();
    assertThat(driver.getBooleanProperty(PropertyKey.rewriteBatchedStatements).getValue()).isTrue();
    assertThat(driver.getBooleanProperty(PropertyKey.sendFractionalSeconds).getValue()).isFalse();
    assertThat(driver.getBooleanProperty(PropertyKey.cachePrepStmts).getValue()).isTrue();
    try (Statement statement = connection.createStatement();
        ResultSet session = statement.executeQuery("SELECT @@session.time_zone")) {
      session.next();
      assertThat(session.getString(1)).isEqualTo("+00:00");
    }
  }
}
