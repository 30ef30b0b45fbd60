package org.loyaltygraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.MediaTypes;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

class GraphQLHttpHandlerTest {

  final GraphQLHttpHandler handler =
      new GraphQLHttpHandler(org.mockito.Mockito.mock(WebGraphQlHandler.class));

  static WebGraphQlResponse response(ExecutionResult result) {
    return new WebGraphQlResponse(
        new DefaultExecutionGraphQlResponse(
            ExecutionInput.newExecutionInput("{ serviceVersion }").build(), result));
  }

  static ExecutionResult refused(String code) {
    return Refusal.of(code, "refused", Map.of("retryAfterSeconds", 1L)).toExecutionResult();
  }

  @Test
  void aRateLimitedRequestAnswers429WhateverTheMediaType() {
    WebGraphQlResponse limited = response(refused("RATE_LIMITED"));

    assertThat(handler.selectResponseStatus(limited, MediaType.APPLICATION_JSON))
        .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(handler.selectResponseStatus(limited, MediaTypes.APPLICATION_GRAPHQL_RESPONSE))
        .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
  }

  @Test
  void otherRefusalsKeepTheStatusesOfTheSpecification() {
    WebGraphQlResponse costly = response(refused("QUERY_TOO_COSTLY"));
    WebGraphQlResponse ok =
        response(ExecutionResultImpl.newExecutionResult().data(Map.of("a", 1)).build());

    assertThat(handler.selectResponseStatus(costly, MediaType.APPLICATION_JSON))
        .isEqualTo(HttpStatus.OK);
    assertThat(handler.selectResponseStatus(costly, MediaTypes.APPLICATION_GRAPHQL_RESPONSE))
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(handler.selectResponseStatus(ok, MediaTypes.APPLICATION_GRAPHQL_RESPONSE))
        .isEqualTo(HttpStatus.OK);
  }
}
