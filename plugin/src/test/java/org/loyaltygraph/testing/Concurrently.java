package org.loyaltygraph.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/** Calls made from many threads at once, for the tests of what concurrent callers see. */
public final class Concurrently {

  private Concurrently() {}

  /** One call; {@code i} is its index among all of them. */
  public interface Call {
    JsonNode run(int i) throws Exception;
  }

  /**
   * Runs one call on a thread of its own and waits for it: outside the caller's transaction, as
   * another request would be.
   */
  public static <T> T onAnotherThread(Callable<T> call) throws Exception {
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      return thread.submit(call).get(120, TimeUnit.SECONDS);
    } finally {
      thread.shutdownNow();
      thread.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Runs n calls on {@code threads} threads and answers the results in order. The first {@code
   * threads} calls are released together, once every one of their threads is waiting at the start
   * line, so they overlap; with fewer threads than calls, the rest follow as threads free up.
   */
  public static List<JsonNode> all(int threads, int n, Call call) throws Exception {
    try (Started started = start(threads, n, call)) {
      List<JsonNode> results = new ArrayList<>();
      for (Future<JsonNode> f : started.calls()) {
        results.add(f.get(120, TimeUnit.SECONDS));
      }
      return results;
    }
  }

  /**
   * Sends versions 0 to n - 1 of one update at once, on n threads, in an order shuffled by {@code
   * random}: webhooks that arrive out of order and overlap. {@code send} is given the version to
   * send; the answers are in order of version, so the answer to the newest is the last.
   */
  public static List<JsonNode> inShuffledOrder(int n, Random random, Call send) throws Exception {
    List<Integer> arrival = new ArrayList<>();
    for (int version = 0; version < n; version++) {
      arrival.add(version);
    }
    Collections.shuffle(arrival, random);
    List<JsonNode> answers = all(n, n, i -> send.run(arrival.get(i)));
    List<JsonNode> byVersion = new ArrayList<>(answers);
    for (int i = 0; i < n; i++) {
      byVersion.set(arrival.get(i), answers.get(i));
    }
    return byVersion;
  }

  /**
   * Starts n calls on {@code threads} threads without waiting for them: for a test that looks at
   * some answers while others are still on their way. The first {@code threads} calls are released
   * together once every one of their threads is waiting at the start line.
   */
  public static Started start(int threads, int n, Call call) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch ready = new CountDownLatch(Math.min(threads, n));
    CountDownLatch start = new CountDownLatch(1);
    List<Future<JsonNode>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      Callable<JsonNode> task =
          () -> {
            ready.countDown();
            start.await();
            return call.run(index);
          };
      futures.add(pool.submit(task));
    }
    if (!ready.await(60, TimeUnit.SECONDS)) {
      pool.shutdownNow();
      throw new IllegalStateException("the threads did not all reach the start line");
    }
    start.countDown();
    return new Started(pool, futures);
  }

  /** Calls {@link #start}ed: their futures, in order; closing stops those still running. */
  public record Started(ExecutorService pool, List<Future<JsonNode>> calls)
      implements AutoCloseable {

    @Override
    public void close() throws InterruptedException {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}
