package org.loyaltygraph.event;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.StandardConstants;

/**
 * A real HTTP receiver on 127.0.0.1 (a free port), or on another loopback address and port, over
 * HTTPS if asked: records every request and answers the scripted status codes in turn, then 200.
 */
final class WebhookReceiver implements AutoCloseable {

  /** One request as received; header names in lower case. */
  record Request(String method, Map<String, String> headers, String body) {

    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  private final HttpServer server;
  private final List<String> serverNames;
  private final List<Request> requests = new ArrayList<>();
  private final Deque<Integer> script = new ArrayDeque<>();
  private final long answerDelayMillis;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private ExecutorService threads; // a slow receiver's, else the server's own dispatcher

  WebhookReceiver() throws IOException {
    this(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
  }

  /**
   * On 127.0.0.1, answering each request only after {@code delay}, many at once (a thread each):
   * {@link #mostInFlight()} tells how many requests a sender had open together.
   */
  static WebhookReceiver slow(Duration delay) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ExecutorService threads = Executors.newCachedThreadPool();
    server.setExecutor(threads);
    WebhookReceiver receiver = new WebhookReceiver(server, List.of(), delay.toMillis());
    receiver.threads = threads;
    return receiver;
  }

  /**
   * The loopback address 127.0.0.{@code last}: with another than 127.0.0.1, a test has a second
   * address of its own to stand in for a receiver elsewhere.
   */
  static InetAddress loopback(int last) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Plain HTTP on {@code address}; port 0 for a free one. */
  static WebhookReceiver at(InetSocketAddress address) throws IOException {
    return new WebhookReceiver(HttpServer.create(address, 0));
  }

  /**
   * HTTPS on {@code address}, with the key and certificate {@code tls} holds; {@link
   * #serverNames()} records the names clients ask for (SNI).
   */
  static WebhookReceiver httpsAt(InetSocketAddress address, SSLContext tls) throws IOException {
    List<String> serverNames = Collections.synchronizedList(new ArrayList<>());
    SNIMatcher recorder =
        new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
          @Override
          public boolean matches(SNIServerName name) {
            serverNames.add(new SNIHostName(name.getEncoded()).getAsciiName());
            return true;
          }
        };
    HttpsServer server = HttpsServer.create(address, 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(tls) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters parameters = tls.getDefaultSSLParameters();
            parameters.setSNIMatchers(List.of(recorder));
            params.setSSLParameters(parameters);
          }
        });
    return new WebhookReceiver(server, serverNames);
  }

  private WebhookReceiver(HttpServer server) {
    this(server, List.of());
  }

  private WebhookReceiver(HttpServer server, List<String> serverNames) {
    this(server, serverNames, 0);
  }

  private WebhookReceiver(HttpServer server, List<String> serverNames, long answerDelayMillis) {
    this.server = server;
    this.serverNames = serverNames;
    this.answerDelayMillis = answerDelayMillis;
    server.createContext(
        "/",
        exchange -> {
          String body;
          try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          Map<String, String> headers = new TreeMap<>();
          exchange
              .getRequestHeaders()
              .forEach(
                  (name, values) ->
                      headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
          int status;
          synchronized (this) {
            requests.add(new Request(exchange.getRequestMethod(), headers, body));
            Integer next = script.poll();
            status = next == null ? 200 : next;
          }
          mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          try {
            if (answerDelayMillis > 0) {
              Thread.sleep(answerDelayMillis);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            inFlight.decrementAndGet();
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
  }

  /** The next answers, in order; 200 once they are used up. */
  synchronized void answer(Integer... statuses) {
    script.addAll(List.of(statuses));
  }

  /** The requests this receiver holds now, not yet answered. */
  int inFlight() {
    return inFlight.get();
  }

  /** The most requests this receiver held at once. */
  int mostInFlight() {
    return mostInFlight.get();
  }

  /** The server names (SNI) that TLS clients sent, in order. */
  List<String> serverNames() {
    return List.copyOf(serverNames);
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests that carried this event. */
  synchronized List<Request> requestsFor(String eventId) {
    return requests.stream().filter(r -> eventId.equals(r.header(WebhookSender.EVENT_ID))).toList();
  }

  @Override
  public void close() {
    server.stop(0);
    if (threads != null) {
      threads.shutdownNow();
    }
  }
}
