package org.loyaltygraph.event;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs one event to one endpoint with the JDK's HttpClient: the JSON body, the event's id and
 * type, a timestamp and the signature. Never follows redirects (the signature is for the URL the
 * admin gave). Answers asynchronously, so a batch goes out at once and a slow receiver costs at
 * most its timeout.
 */
@Component
class WebhookSender {

  static final String EVENT_ID = "LoyaltyGraph-Event-Id";
  static final String EVENT_TYPE = "LoyaltyGraph-Event-Type";
  static final String TIMESTAMP = "LoyaltyGraph-Timestamp";
  static final String SIGNATURE = "LoyaltyGraph-Signature";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http;
  private final Duration requestTimeout;
  private final Duration overallTimeout;
  private final Clock clock;
  private final boolean allowPrivateAddresses;

  WebhookSender(EventProperties properties, Clock clock) {
    this.allowPrivateAddresses = properties.allowPrivateAddresses();
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(properties.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.requestTimeout = properties.requestTimeout();
    // the request timeout covers the wait for the answer's headers; this one bounds the whole call
    this.overallTimeout =
        properties.connectTimeout().plus(properties.requestTimeout()).plusSeconds(1);
    this.clock = clock;
  }

  /** What one attempt got: an HTTP status, or no answer and why. */
  record Outcome(Integer statusCode, String error) {

    boolean delivered() {
      return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
  }

  CompletableFuture<Outcome> send(String url, String secret, OutboxEvent event) {
    try {
      // checked again on every send: the name may point elsewhere since the endpoint was created
      Optional<String> refused =
          ReceiverAddress.problem(URI.create(url).getHost(), allowPrivateAddresses);
      if (refused.isPresent()) {
        return CompletableFuture.completedFuture(new Outcome(null, refused.get()));
      }
      String body = body(event);
      long timestamp = clock.instant().getEpochSecond();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(requestTimeout)
              .header("Content-Type", "application/json")
              .header("User-Agent", "LoyaltyGraph-Webhooks/1")
              .header(EVENT_ID, event.id())
              .header(EVENT_TYPE, event.type().wireName())
              .header(TIMESTAMP, Long.toString(timestamp))
              .header(SIGNATURE, WebhookSignature.header(secret, timestamp, body))
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
              .build();
      return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .orTimeout(overallTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
          .handle(
              (response, failure) ->
                  response != null
                      ? new Outcome(response.statusCode(), errorOf(response.statusCode()))
                      : new Outcome(null, describe(failure)));
    } catch (RuntimeException e) {
      // a URL the JDK refuses, a header it rejects: an attempt that failed, not a crashed worker
      return CompletableFuture.completedFuture(new Outcome(null, describe(e)));
    }
  }

  /**
   * The body receivers get: {@code {"id", "type", "occurredAt", "customerId", "data"}}; the same
   * bytes on every attempt and replay of an event.
   */
  static String body(OutboxEvent event) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", event.id());
    body.put("type", event.type().wireName());
    body.put("occurredAt", event.occurredAt().toString());
    body.put("customerId", event.customerId());
    body.put("data", JSON.readTree(event.payload()));
    return JSON.writeValueAsString(body);
  }

  private static String errorOf(int status) {
    return status >= 200 && status < 300 ? null : "HTTP " + status;
  }

  private static String describe(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
      return "timed out";
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
