package org.loyaltygraph.graphql;

import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * spring-graphql's handler of {@code POST /graphql} (which already refuses GET with 405 and other
 * bodies than JSON with 415, and answers in {@code application/graphql-response+json} when asked),
 * with one change: a request refused by the rate limit answers 429 with {@code Retry-After}, for
 * either media type. The GraphQL-over-HTTP specification allows a 4xx for a request refused before
 * execution, and 429 is what HTTP clients, proxies and retry libraries understand; the body is
 * still a GraphQL response with {@code extensions.code = RATE_LIMITED}. Other refusals keep the
 * specification's statuses: 200 for {@code application/json}, 400 for a response without data in
 * {@code application/graphql-response+json}.
 */
class GraphQLHttpHandler extends GraphQlHttpHandler {

  GraphQLHttpHandler(WebGraphQlHandler handler) {
    super(handler);
  }

  @Override
  protected HttpStatus selectResponseStatus(WebGraphQlResponse response, MediaType responseType) {
    boolean rateLimited =
        !response.getExecutionResult().isDataPresent()
            && response.getExecutionResult().getErrors().stream()
                .anyMatch(e -> Refusal.RATE_LIMITED.equals(Refusal.codeOf(e)));
    return rateLimited
        ? HttpStatus.TOO_MANY_REQUESTS
        : super.selectResponseStatus(response, responseType);
  }
}
