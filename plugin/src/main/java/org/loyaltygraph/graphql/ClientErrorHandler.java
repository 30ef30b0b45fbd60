package org.loyaltygraph.graphql;

import com.netflix.graphql.types.errors.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns every exception thrown while fetching a field into a typed, generic error. The client gets
 * a code and a trace id; the stack trace and any SQL go to the log under the same trace id.
 */
@Component
class ClientErrorHandler implements DataFetcherExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ClientErrorHandler.class);

  @Override
  public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
      DataFetcherExceptionHandlerParameters params) {
    Throwable error = unwrap(params.getException());
    String traceId = UUID.randomUUID().toString();
    GraphQLError graphQLError;
    if (error instanceof ClientError clientError) {
      log.info(
          "trace={} {} at {}: {}",
          traceId,
          clientError.code(),
          params.getPath(),
          error.getMessage());
      graphQLError = build(params, clientError.code(), clientError.publicMessage(), traceId);
    } else {
      log.error("trace={} internal error at {}", traceId, params.getPath(), error);
      graphQLError = build(params, "INTERNAL", "Internal error; quote the trace id.", traceId);
    }
    return CompletableFuture.completedFuture(
        DataFetcherExceptionHandlerResult.newResult().error(graphQLError).build());
  }

  private static GraphQLError build(
      DataFetcherExceptionHandlerParameters params, String code, String message, String traceId) {
    return GraphqlErrorBuilder.newError()
        .message(message)
        .path(params.getPath())
        .location(params.getSourceLocation())
        .errorType(classification(code))
        .extensions(
            Map.of("code", code, "traceId", traceId, "errorType", classification(code).name()))
        .build();
  }

  /** The classification clients of DGS read ({@code extensions.errorType}), from our code. */
  private static ErrorType classification(String code) {
    return switch (code) {
      case "FORBIDDEN" -> ErrorType.PERMISSION_DENIED;
      case "UNAUTHENTICATED" -> ErrorType.UNAUTHENTICATED;
      case "INTERNAL" -> ErrorType.INTERNAL;
      default -> ErrorType.BAD_REQUEST;
    };
  }

  private static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while ((current instanceof java.util.concurrent.CompletionException
            || current instanceof java.lang.reflect.InvocationTargetException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
