package org.loyaltygraph.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * What a test opened (receivers, senders, clients), to close after it: call {@link #close} from an
 * {@code @AfterEach}. They are closed in the order they were opened.
 */
public final class Opened implements AutoCloseable {

  private final List<AutoCloseable> all = new ArrayList<>();

  /** Keeps {@code closeable} to close after the test, and answers it. */
  public <T extends AutoCloseable> T add(T closeable) {
    all.add(closeable);
    return closeable;
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable closeable : all) {
      closeable.close();
    }
  }
}
