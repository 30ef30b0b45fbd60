package org.loyaltygraph.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.loyaltygraph.testing.GraphQLTestClient;

/**
 * The receiving side of the benchmark's orders with webhooks: an HTTP server on 127.0.0.1 that
 * answers 204 to every delivery (at once, or after a set delay, as a slow receiver does), and
 * endpoints registered with the plugin (through its admin API, as the bootstrap OWNER) that send it
 * {@code points.earned}. The plugin must run with {@code
 * loyaltygraph.events.allow-private-addresses=true} to deliver to loopback.
 */
final class WebhookSink implements AutoCloseable {

  static final String ADMIN_EMAIL = "bench-owner@example.com";
  static final String ADMIN_PASSWORD = "bench-owner-password-0123456789";

  private final HttpServer server;
  private final ExecutorService threads;
  private final AtomicLong received = new AtomicLong();
  private final GraphQLTestClient graphql;
  private final String owner;

  /**
   * @param answerAfter how long each delivery waits for its answer; a slow receiver holds as many
   *     requests at once as the service sends, so it gets a thread for each
   */
  WebhookSink(GraphQLTestClient graphql, Duration answerAfter) throws IOException {
    this.graphql = graphql;
    this.threads = Executors.newFixedThreadPool(answerAfter.isZero() ? 4 : 1_024);
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1_024);
    server.createContext(
        "/",
        exchange -> {
          try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
          }
          if (!answerAfter.isZero()) {
            try {
              Thread.sleep(answerAfter.toMillis());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          received.incrementAndGet();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.setExecutor(threads);
    server.start();
    this.owner =
        "Bearer "
            + graphql
                .send(
                    null,
                    "mutation($in: AdminLoginInput!) { adminLogin(input: $in) { token } }",
                    Map.of("in", Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD)))
                .assertNoErrors()
                .data()
                .at("/adminLogin/token")
                .asString();
  }

  /** The plugin arguments that let it deliver here and make the admin that registers endpoints. */
  static List<String> pluginArguments() {
    return List.of(
        "--loyaltygraph.events.allow-private-addresses=true",
        "--loyaltygraph.security.bootstrap-admin-email=" + ADMIN_EMAIL,
        "--loyaltygraph.security.bootstrap-admin-password=" + ADMIN_PASSWORD);
  }

  /** Registers an endpoint receiving {@code points.earned} here; answers its id. */
  String subscribe() {
    return graphql
        .send(
            owner,
            "mutation($in: WebhookEndpointCreateInput!) { webhookEndpointCreate(input: $in) {"
                + " endpoint { id } userErrors { code message } } }",
            Map.of(
                "in",
                Map.of(
                    "url",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/loyalty",
                    "eventTypes",
                    List.of("POINTS_EARNED"))))
        .assertNoErrors()
        .data()
        .at("/webhookEndpointCreate/endpoint/id")
        .asString();
  }

  /**
   * Disables the endpoint: it receives nothing more, and what it still had to receive is canceled.
   */
  void unsubscribe(String endpointId) {
    graphql
        .send(
            owner,
            "mutation($id: ID!) { webhookEndpointDisable(input: {id: $id}) { endpoint { id } } }",
            Map.of("id", endpointId))
        .assertNoErrors();
  }

  long received() {
    return received.get();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
