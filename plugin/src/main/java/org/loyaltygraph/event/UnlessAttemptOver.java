package org.loyaltygraph.event;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.Future;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;

/**
 * The webhook client's last step before its transport, after the connection is ready: an exchange
 * whose attempt is over (timed out) goes no further, so a connection that came too late carries
 * nothing. The client builds its request when the exchange is handed to it, long before that; this
 * is the last point before the request goes on the connection.
 */
final class UnlessAttemptOver implements AsyncExecChainHandler {

  static final String NAME = "unless-attempt-over";
  private static final String ATTEMPT = UnlessAttemptOver.class.getName() + ".attempt";

  /** A context for one exchange of {@code attempt}. */
  static HttpClientContext contextFor(Future<?> attempt) {
    HttpClientContext context = HttpClientContext.create();
    context.setAttribute(ATTEMPT, attempt);
    return context;
  }

  @Override
  public void execute(
      HttpRequest request,
      AsyncEntityProducer entity,
      AsyncExecChain.Scope scope,
      AsyncExecChain chain,
      AsyncExecCallback callback)
      throws HttpException, IOException {
    if (scope.clientContext.getAttribute(ATTEMPT) instanceof Future<?> attempt
        && attempt.isDone()) {
      callback.failed(new InterruptedIOException("the attempt is over"));
      return;
    }
    chain.proceed(request, entity, scope, callback);
  }
}
