package org.loyaltygraph.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.conf.PropertySet;
import com.mysql.cj.jdbc.JdbcConnection;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The driver settings the service depends on hold with a URL that names nothing but the server, as
 * the tests give it ({@link TestDatabase#serviceUrl()}): they come from the service's own
 * properties, not from the URL a user writes.
 */
@LoyaltyGraphTest
class DriverSettingsTest {

  @Autowired DataSource dataSource;

  @Test
  void theServiceGivesItsConnectionsItsOwnDriverSettingsWhateverTheUrl() throws Exception {
    assertThat(TestDatabase.get().serviceUrl())
        .doesNotContain("connectionTimeZone", "rewriteBatchedStatements", "sendFractionalSeconds");

    try (Connection connection = dataSource.getConnection()) {
      PropertySet driver = connection.unwrap(JdbcConnection.class).getPropertySet();

      assertThat(driver.getStringProperty(PropertyKey.connectionTimeZone).getValue())
          .isEqualTo("UTC");
      assertThat(driver.getBooleanProperty(PropertyKey.forceConnectionTimeZoneToSession).getValue())
          .isTrue();
      assertThat(driver.getBooleanProperty(PropertyKey.rewriteBatchedStatements).getValue())
          .isTrue();
      assertThat(driver.getBooleanProperty(PropertyKey.sendFractionalSeconds).getValue()).isFalse();
      assertThat(driver.getBooleanProperty(PropertyKey.cachePrepStmts).getValue()).isTrue();
      assertThat(connection.getTransactionIsolation())
          .isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
      try (Statement statement = connection.createStatement();
          ResultSet session = statement.executeQuery("SELECT @@session.time_zone")) {
        session.next();
        assertThat(session.getString(1)).isEqualTo("+00:00");
      }
    }
  }
}
