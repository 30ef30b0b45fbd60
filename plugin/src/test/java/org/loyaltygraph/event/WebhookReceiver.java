package org.loyaltygraph.event;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A real HTTP receiver on 127.0.0.1 (a free port): records every request and answers the scripted
 * status codes in turn, then 200.
 */
final class WebhookReceiver implements AutoCloseable {

  /** One request as received; header names in lower case. */
  record Request(String method, Map<String, String> headers, String body) {

    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new ArrayList<>();
  private final Deque<Integer> script = new ArrayDeque<>();

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
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
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
  }

  /** The next answers, in order; 200 once they are used up. */
  synchronized void answer(Integer... statuses) {
    script.addAll(List.of(statuses));
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
  }
}
