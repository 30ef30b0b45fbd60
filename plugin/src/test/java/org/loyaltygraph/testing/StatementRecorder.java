package org.loyaltygraph.testing;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.Query;
import com.mysql.cj.interceptors.QueryInterceptor;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.Resultset;
import com.mysql.cj.protocol.ServerSession;
import java.util.List;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * The SQL the service sends while a test asks for it: a Connector/J query interceptor that every
 * connection of the tests' service carries ({@link LoyaltyGraphTest}) and that does nothing until
 * {@link #during} switches it on. It hears every connection of the JVM, so a test picks out the
 * statements it means by their text.
 */
public final class StatementRecorder implements QueryInterceptor {

  private static final Queue<String> recorded = new ConcurrentLinkedQueue<>();
  private static volatile boolean recording;

  /** Runs {@code action} and answers the statements sent meanwhile, in the order they were sent. */
  public static synchronized List<String> during(Runnable action) {
    recorded.clear();
    recording = true;
    try {
      action.run();
    } finally {
      recording = false;
    }
    return List.copyOf(recorded);
  }

  @Override
  public QueryInterceptor init(MysqlConnection connection, Properties properties, Log log) {
    return this;
  }

  @Override
  public <T extends Resultset> T preProcess(Supplier<String> sql, Query query) {
    if (recording) {
      recorded.add(sql.get());
    }
    return null;
  }

  @Override
  public boolean executeTopLevelOnly() {
    return true;
  }

  @Override
  public void destroy() {}

  @Override
  public <T extends Resultset> T postProcess(
      Supplier<String> sql, Query query, T result, ServerSession session) {
    return null;
  }
}
