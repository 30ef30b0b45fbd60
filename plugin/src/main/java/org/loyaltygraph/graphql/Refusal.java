package org.loyaltygraph.graphql;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A whole request refused before anything executes: one error with a code, and no data. */
final class Refusal {

  private Refusal() {}

  static AbortExecutionException of(String code, String message, Map<String, Object> details) {
    Map<String, Object> extensions = new LinkedHashMap<>();
    extensions.put("code", code);
    extensions.putAll(details);
    GraphQLError error =
        GraphqlErrorBuilder.newError()
            .message(message)
            .errorType(ErrorType.ExecutionAborted)
            .extensions(extensions)
            .build();
    return new AbortExecutionException(List.of(error));
  }

  /** The code of a refusal, or null for any other error. */
  static Object codeOf(GraphQLError error) {
    return error.getExtensions() == null ? null : error.getExtensions().get("code");
  }
}
