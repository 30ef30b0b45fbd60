package org.loyaltygraph.graphql;

import graphql.GraphQLError;
import java.net.InetSocketAddress;
import java.util.Map;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The HTTP side of rate limiting: puts the client's address into the GraphQL context (anonymous
 * callers are limited by it; behind a proxy set {@code server.forward-headers-strategy}), and adds
 * {@code Retry-After} to a refused request's response.
 */
@Component
public class RemoteAddressInterceptor implements WebGraphQlInterceptor {

  /** Key of the client's address in the GraphQL context, absent when unknown. */
  public static final String REMOTE_ADDRESS = "loyaltygraph.remoteAddress";

  @Override
  public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
    InetSocketAddress remote = request.getRemoteAddress();
    if (remote != null) {
      String address =
          remote.getAddress() != null
              ? remote.getAddress().getHostAddress()
              : remote.getHostString();
      request.configureExecutionInput(
          (input, builder) ->
              builder.graphQLContext(ctx -> ctx.put(REMOTE_ADDRESS, address)).build());
    }
    return chain.next(request).doOnNext(RemoteAddressInterceptor::retryAfter);
  }

  private static void retryAfter(WebGraphQlResponse response) {
    for (GraphQLError error : response.getExecutionResult().getErrors()) {
      Map<String, Object> extensions = error.getExtensions();
      if (extensions != null && Refusal.RATE_LIMITED.equals(extensions.get("code"))) {
        response
            .getResponseHeaders()
            .set(
                HttpHeaders.RETRY_AFTER,
                String.valueOf(extensions.get(Refusal.RETRY_AFTER_SECONDS)));
        return;
      }
    }
  }
}
