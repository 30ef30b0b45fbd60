package org.loyaltygraph.event;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.HttpsSupport;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.Message;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;
import org.apache.hc.core5.http.nio.entity.DiscardingEntityConsumer;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.http.nio.support.BasicResponseConsumer;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs one event to one endpoint: the JSON body, the event's id and type, a timestamp and the
 * signature. Never follows redirects (the signature is for the URL the admin gave). Answers
 * asynchronously, so a batch goes out at once and a slow receiver costs at most its timeout.
 *
 * <p>Apache HttpClient rather than the JDK's, because it takes a {@link ReceiverResolver}: every
 * connection goes to the addresses that passed the receiver check, never to a second lookup's. The
 * name is looked up before the request goes to the client, off its I/O threads, and the request is
 * handed to the client on the lookup threads too, never on the caller's.
 *
 * <p>An attempt is bounded as a whole, from the lookup to the answer: when the bound passes, it
 * answers "timed out" and is over. Its exchange is cancelled, one not started yet never starts, and
 * a connection its start still opens carries no request ({@link UnlessAttemptOver} stops it at the
 * client's last step before the transport): a late copy would race the worker's retry. Only a
 * request handed to the transport in the instant the bound passes can still go out.
 *
 * <p>Connections to a receiver are kept for the next deliveries, up to {@link #MAX_IDLE} idle. A
 * request that goes out on one just as the receiver closes it for idleness is sent once more on a
 * new connection, within the same attempt: through a second client that keeps no connection, so the
 * copy never goes out on another kept one the receiver is closing too (a receiver that restarts, or
 * closes its idle connections on a timer, closes them all at once).
 */
@Component
class WebhookSender implements AutoCloseable {

  static final String EVENT_ID = "LoyaltyGraph-Event-Id";
  static final String EVENT_TYPE = "LoyaltyGraph-Event-Type";
  static final String TIMESTAMP = "LoyaltyGraph-Timestamp";
  static final String SIGNATURE = "LoyaltyGraph-Signature";

  /** How long an idle connection is kept: under the common servers' keep-alive (60 s, 75 s). */
  static final TimeValue MAX_IDLE = TimeValue.ofSeconds(30);

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final ContentType JSON_BODY = ContentType.create("application/json");

  private final ReceiverResolver receivers;
  private final CloseableHttpAsyncClient http;
  private final CloseableHttpAsyncClient fresh;
  private final Duration overallTimeout;
  private final Clock clock;

  @Autowired
  WebhookSender(EventProperties properties, Clock clock) {
    this(
        properties,
        clock,
        ReceiverResolver.of(properties.allowPrivateAddresses()),
        SSLContexts.createSystemDefault());
  }

  /** Tests script the lookups and trust their own receiver's certificate. */
  WebhookSender(
      EventProperties properties, Clock clock, ReceiverResolver receivers, SSLContext tls) {
    this.receivers = receivers;
    this.http = client(properties, receivers, tls, true);
    this.http.start();
    this.fresh = client(properties, receivers, tls, false);
    this.fresh.start();
    // the request timeout covers the wait for the answer; this one bounds the whole attempt
    this.overallTimeout =
        properties.connectTimeout().plus(properties.requestTimeout()).plusSeconds(1);
    this.clock = clock;
  }

  /**
   * The sending client. With {@code keepAlive} false (the resends'), every exchange opens its own
   * HTTP/1.1 connection and closes it after the answer, on one I/O thread.
   */
  private static CloseableHttpAsyncClient client(
      EventProperties properties, ReceiverResolver receivers, SSLContext tls, boolean keepAlive) {
    Timeout connect = Timeout.of(properties.connectTimeout());
    Timeout request = Timeout.of(properties.requestTimeout());
    HttpAsyncClientBuilder builder = HttpAsyncClients.custom();
    if (keepAlive) {
      builder.evictIdleConnections(MAX_IDLE);
    } else {
      // nothing is kept, so no idle connection to evict either
      builder
          .setConnectionReuseStrategy((sent, answer, context) -> false)
          .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).build());
    }
    return builder
        .addExecInterceptorBefore(
            ChainElement.MAIN_TRANSPORT.name(), UnlessAttemptOver.NAME, new UnlessAttemptOver())
        .setConnectionManager(
            PoolingAsyncClientConnectionManagerBuilder.create()
                .setDnsResolver(receivers)
                .setTlsStrategy(
                    ClientTlsStrategyBuilder.create()
                        .setSslContext(tls)
                        // the certificate is checked against the URL's name (also the SNI) after
                        // the handshake: the async client's default, the JDK's own check alone,
                        // accepts any trusted certificate in httpclient5 5.6.1
                        .setHostVerificationPolicy(HostnameVerificationPolicy.BOTH)
                        .setHostnameVerifier(HttpsSupport.getDefaultHostnameVerifier())
                        .buildAsync())
                // a round sends up to delivery-batch-size requests to one endpoint and one to each
                // of any number of endpoints, and delivery-concurrency rounds run at once: no
                // request may wait for a pooled connection (its wait would count against the
                // connect timeout and fail receivers never contacted)
                .setMaxConnTotal(Integer.MAX_VALUE)
                .setMaxConnPerRoute(
                    properties.deliveryBatchSize() * properties.deliveryConcurrency())
                .setDefaultConnectionConfig(
                    ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(request)
                        .build())
                .setDefaultTlsConfig(
                    TlsConfig.custom()
                        .setHandshakeTimeout(connect)
                        // HTTP/2 multiplexes one kept connection, whatever the reuse strategy says
                        .setVersionPolicy(
                            keepAlive
                                ? HttpVersionPolicy.NEGOTIATE
                                : HttpVersionPolicy.FORCE_HTTP_1)
                        .build())
                .build())
        .setDefaultRequestConfig(
            RequestConfig.custom()
                .setConnectionRequestTimeout(connect)
                .setResponseTimeout(request)
                .build())
        .setUserAgent("LoyaltyGraph-Webhooks/1")
        .disableRedirectHandling()
        // a failed attempt is the worker's to retry, on its schedule
        .disableAutomaticRetries()
        .disableCookieManagement()
        .disableAuthCaching()
        .disableContentCompression()
        .build();
  }

  /** What one attempt got: an HTTP status, or no answer and why. */
  record Outcome(Integer statusCode, String error) {

    boolean delivered() {
      return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
  }

  /** Always completes normally: a failure is an Outcome without a status. */
  CompletableFuture<Outcome> send(String url, String secret, OutboxEvent event) {
    try {
      URI target = URI.create(url);
      String body = body(event);
      long timestamp = clock.instant().getEpochSecond();
      String signature = WebhookSignature.header(secret, timestamp, body);
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      // a producer per exchange (a resend gets a fresh one), all of the same signed bytes
      Supplier<AsyncRequestProducer> request =
          () ->
              AsyncRequestBuilder.post(target)
                  .addHeader(EVENT_ID, event.id())
                  .addHeader(EVENT_TYPE, event.type().wireName())
                  .addHeader(TIMESTAMP, Long.toString(timestamp))
                  .addHeader(SIGNATURE, signature)
                  .setEntity(AsyncEntityProducers.create(bytes, JSON_BODY))
                  .build();
      // the attempt: its bound runs from here, over the lookup, the connection and the answer
      CompletableFuture<Integer> status =
          new CompletableFuture<Integer>()
              .orTimeout(overallTimeout.toMillis(), TimeUnit.MILLISECONDS);
      CompletableFuture<Void> lookedUp = receivers.lookUpAhead(target.getHost());
      AtomicReference<Future<?>> exchange = new AtomicReference<>();
      lookedUp.whenCompleteAsync(
          (ready, refused) -> {
            if (refused != null) {
              status.completeExceptionally(refused);
            } else {
              exchange(request, status, exchange, true);
            }
          },
          receivers.threads());
      // an attempt that failed or timed out goes on no further: not its wait for the lookup, not
      // its exchange. One answered is left alone: cancelling its exchange, which the client still
      // winds up after the answer, would close the connection instead of keeping it for the next.
      status.whenComplete(
          (code, failure) -> {
            if (failure == null) {
              return;
            }
            lookedUp.cancel(false);
            Future<?> started = exchange.get();
            if (started != null) {
              started.cancel(true);
            }
          });
      return status.handle(
          (code, failure) ->
              failure != null
                  ? new Outcome(null, describe(failure))
                  : new Outcome(code, errorOf(code)));
    } catch (RuntimeException e) {
      // a URL the client refuses, a header it rejects: an attempt that failed, not a crashed worker
      return CompletableFuture.completedFuture(new Outcome(null, describe(e)));
    }
  }

  /**
   * Hands one exchange of the attempt to the client, unless the attempt is over. A first exchange
   * that the receiver closes before its answer's head arrived gets one more, started on the lookup
   * threads, on a new connection of its own: the first was most likely a kept-alive one that the
   * receiver was closing for idleness as the request went out (a race every HTTP client meets;
   * servers close idle connections after 2 s to 75 s). A receiver that closes every connection
   * unanswered still fails the attempt.
   */
  private void exchange(
      Supplier<AsyncRequestProducer> request,
      CompletableFuture<Integer> status,
      AtomicReference<Future<?>> exchange,
      boolean first) {
    if (status.isDone()) {
      return;
    }
    CompletableFuture<Integer> answer = new CompletableFuture<>();
    HeadSeen response = new HeadSeen();
    answer.whenComplete(
        (code, failure) -> {
          if (failure instanceof ConnectionClosedException
              && first
              && !response.seen
              && !status.isDone()) {
            resend(request, status, exchange);
          } else if (failure != null) {
            status.completeExceptionally(failure);
          } else {
            status.complete(code);
          }
        });
    try {
      exchange.set(
          (first ? http : fresh)
              .execute(
                  request.get(),
                  response,
                  UnlessAttemptOver.contextFor(status),
                  new StatusCallback(answer)));
    } catch (RuntimeException e) {
      status.completeExceptionally(e); // a request the client refuses
      return;
    }
    if (status.isDone()) {
      exchange.get().cancel(true); // it ended while the exchange started
    }
  }

  private void resend(
      Supplier<AsyncRequestProducer> request,
      CompletableFuture<Integer> status,
      AtomicReference<Future<?>> exchange) {
    try {
      receivers.threads().execute(() -> exchange(request, status, exchange, false));
    } catch (RejectedExecutionException e) {
      status.completeExceptionally(e); // the sender is closing
    }
  }

  /**
   * The answer's status and headers, its body discarded; records whether the head arrived, so that
   * a receiver that began to answer never gets the request again.
   */
  private static final class HeadSeen extends BasicResponseConsumer<Void> {

    volatile boolean seen;

    HeadSeen() {
      super(new DiscardingEntityConsumer<>());
    }

    @Override
    public void consumeResponse(
        HttpResponse head,
        EntityDetails entity,
        HttpContext context,
        FutureCallback<Message<HttpResponse, Void>> callback)
        throws HttpException, IOException {
      seen = true;
      super.consumeResponse(head, entity, context, callback);
    }
  }

  @Override
  public void close() {
    // the resends' first: exchanges the main client cuts short on closing must not be resent
    fresh.close(CloseMode.GRACEFUL);
    http.close(CloseMode.GRACEFUL);
    receivers.close();
  }

  /** Hands the answer's status, or why there is none, to a CompletableFuture. */
  private record StatusCallback(CompletableFuture<Integer> status)
      implements FutureCallback<Message<HttpResponse, Void>> {

    @Override
    public void completed(Message<HttpResponse, Void> answer) {
      status.complete(answer.getHead().getCode());
    }

    @Override
    public void failed(Exception failure) {
      status.completeExceptionally(failure);
    }

    @Override
    public void cancelled() {
      status.cancel(false);
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
    if (cause instanceof ReceiverResolver.RefusedReceiver) {
      return cause.getMessage();
    }
    if (cause instanceof TimeoutException || cause instanceof InterruptedIOException) {
      return "timed out"; // the overall bound, or the client's connect, TLS or answer timeout
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
