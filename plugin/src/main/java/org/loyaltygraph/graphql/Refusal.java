package org.loyaltygraph.graphql;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A whole request refused before anything executes: one error with a code, and no data. */
public final class Refusal {

  /**
   * The code of a request refused by its caller's rate budget: the HTTP layer answers 429 with
   * {@code Retry-After} taken from {@link #RETRY_AFTER_SECONDS}.
   */
  public static final String RATE_LIMITED = "RATE_LIMITED";

  /** The extension of a {@link #RATE_LIMITED} refusal that says when to retry, in seconds. */
  public static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

  private Refusal() {}

  public static AbortExecutionException of(
      String code, String message, Map<String, Object> details) {
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
