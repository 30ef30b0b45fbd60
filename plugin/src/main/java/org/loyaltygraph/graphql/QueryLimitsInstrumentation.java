package org.loyaltygraph.graphql;

import graphql.ExecutionResult;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Holds every request to {@link GraphQLProperties}: the document size before parsing, then page
 * sizes, depth and cost before the operation executes, and reports the cost in {@code
 * extensions.cost}. Cost and depth are measured per execution, on the cached document too, because
 * {@code first} may come from a variable; the walk is a few microseconds.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 200)
class QueryLimitsInstrumentation extends SimplePerformantInstrumentation {

  private final GraphQLProperties limits;

  QueryLimitsInstrumentation(GraphQLProperties limits) {
    this.limits = limits;
  }

  @Override
  public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
    return new Measured();
  }

  @Override
  public InstrumentationContext<ExecutionResult> beginExecution(
      InstrumentationExecutionParameters parameters, InstrumentationState state) {
    String query = parameters.getQuery();
    long max = limits.maxDocumentSize().toBytes();
    if (query != null && utf8Length(query, max) > max) {
      throw Refusal.of(
          "DOCUMENT_TOO_LARGE", "The document exceeds " + max + " bytes.", Map.of("limit", max));
    }
    return SimpleInstrumentationContext.noOp();
  }

  @Override
  public InstrumentationContext<ExecutionResult> beginExecuteOperation(
      InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
    ExecutionContext context = parameters.getExecutionContext();
    QueryShape shape =
        QueryShape.measure(
            context.getGraphQLSchema(),
            context.getOperationDefinition(),
            context.getFragmentsByName(),
            context.getCoercedVariables().toMap(),
            limits.maxDepth());
    ((Measured) state).cost = shape.cost();
    if (!shape.invalidPageSizes().isEmpty()) {
      throw Refusal.of("INVALID_ARGUMENT", String.join(" ", shape.invalidPageSizes()), Map.of());
    }
    if (shape.depth() > limits.maxDepth()) {
      throw Refusal.of(
          "QUERY_TOO_DEEP",
          "The operation nests deeper than " + limits.maxDepth() + " fields.",
          Map.of("limit", limits.maxDepth()));
    }
    if (shape.cost() > limits.maxCost()) {
      throw Refusal.of(
          "QUERY_TOO_COSTLY",
          "The operation costs "
              + shape.cost()
              + ", over the budget of "
              + limits.maxCost()
              + "; ask for smaller pages or fewer fields.",
          Map.of("cost", cost(shape.cost())));
    }
    return SimpleInstrumentationContext.noOp();
  }

  @Override
  public CompletableFuture<ExecutionResult> instrumentExecutionResult(
      ExecutionResult result,
      InstrumentationExecutionParameters parameters,
      InstrumentationState state) {
    Long measured = state instanceof Measured m ? m.cost : null;
    if (measured == null) {
      return CompletableFuture.completedFuture(result);
    }
    return CompletableFuture.completedFuture(
        result.transform(builder -> builder.addExtension("cost", cost(measured))));
  }

  private Map<String, Object> cost(long requested) {
    return Map.of("requested", requested, "limit", limits.maxCost());
  }

  /** Bytes of {@code s} in UTF-8, counting no further than just past {@code max}. */
  static long utf8Length(String s, long max) {
    if (s.length() > max) {
      return s.length();
    }
    if (s.length() * 3L <= max) {
      return s.length(); // at most 3 bytes per UTF-16 unit: under the limit without counting
    }
    long bytes = 0;
    for (int i = 0; i < s.length() && bytes <= max; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /** The cost of this execution, once measured. */
  private static final class Measured implements InstrumentationState {
    volatile Long cost;
  }
}
