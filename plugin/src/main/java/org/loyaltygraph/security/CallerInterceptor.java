package org.loyaltygraph.security;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Resolves the caller from the Authorization header once per request, into the GraphQL context. */
@Component
class CallerInterceptor implements WebGraphQlInterceptor {

  private final CallerResolver resolver;

  CallerInterceptor(CallerResolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
    Caller caller = resolver.resolve(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
    request.configureExecutionInput(
        (input, builder) -> builder.graphQLContext(ctx -> ctx.put(Caller.class, caller)).build());
    return chain.next(request);
  }
}
