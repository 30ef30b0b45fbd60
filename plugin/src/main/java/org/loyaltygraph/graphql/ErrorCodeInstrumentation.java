package org.loyaltygraph.graphql;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Gives graphql-java's own request errors an {@code extensions.code} like ours: {@code
 * GRAPHQL_PARSE_FAILED}, {@code GRAPHQL_VALIDATION_FAILED}, {@code BAD_USER_INPUT} (a variable of
 * the wrong type) and {@code INTROSPECTION_DISABLED}. It also names JSON types rather than the Java
 * classes they were read into in coercion messages ("it was a 'LinkedHashMap'" becomes "an
 * 'object'"). Errors that already carry a code are left as they are.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class ErrorCodeInstrumentation extends SimplePerformantInstrumentation {

  private static final Pattern JAVA_TYPE =
      Pattern.compile(
          "'(LinkedHashMap|HashMap|Map|ArrayList|List|String|Integer|Long|BigInteger|BigDecimal"
              + "|Double|Float|Boolean)'");

  @Override
  public CompletableFuture<ExecutionResult> instrumentExecutionResult(
      ExecutionResult result,
      InstrumentationExecutionParameters parameters,
      InstrumentationState state) {
    if (result.getErrors().isEmpty()) {
      return CompletableFuture.completedFuture(result);
    }
    List<GraphQLError> errors = new ArrayList<>(result.getErrors().size());
    boolean changed = false;
    for (GraphQLError error : result.getErrors()) {
      GraphQLError coded = withCode(error);
      changed |= coded != error;
      errors.add(coded);
    }
    return CompletableFuture.completedFuture(
        changed ? result.transform(builder -> builder.errors(errors)) : result);
  }

  private static GraphQLError withCode(GraphQLError error) {
    if (Refusal.codeOf(error) != null) {
      return error;
    }
    String classification = classification(error);
    String code =
        switch (classification) {
          case "InvalidSyntax" -> "GRAPHQL_PARSE_FAILED";
          case "IntrospectionDisabled" -> "INTROSPECTION_DISABLED";
          case "ValidationError" ->
              error.getMessage() != null && error.getMessage().startsWith("Variable '")
                  ? "BAD_USER_INPUT"
                  : "GRAPHQL_VALIDATION_FAILED";
          default -> null;
        };
    if (code == null) {
      return error;
    }
    Map<String, Object> extensions = new LinkedHashMap<>();
    if (error.getExtensions() != null) {
      extensions.putAll(error.getExtensions());
    }
    extensions.put("code", code);
    return GraphqlErrorBuilder.newError()
        .message(jsonTypeNames(error.getMessage()))
        .locations(error.getLocations())
        .path(error.getPath())
        .errorType(error.getErrorType())
        .extensions(extensions)
        .build();
  }

  private static String classification(GraphQLError error) {
    ErrorClassification type = error.getErrorType();
    if (type instanceof ErrorType known) {
      return known.name();
    }
    Object fromExtensions =
        error.getExtensions() == null ? null : error.getExtensions().get("classification");
    return fromExtensions != null ? fromExtensions.toString() : String.valueOf(type);
  }

  static String jsonTypeNames(String message) {
    if (message == null) {
      return null;
    }
    Matcher m = JAVA_TYPE.matcher(message);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String json =
          switch (m.group(1)) {
            case "LinkedHashMap", "HashMap", "Map" -> "object";
            case "ArrayList", "List" -> "array";
            case "String" -> "string";
            case "Boolean" -> "boolean";
            default -> "number";
          };
      m.appendReplacement(out, "'" + json + "'");
    }
    m.appendTail(out);
    return out.toString();
  }
}
