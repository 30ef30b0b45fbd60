package org.loyaltygraph.security;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import java.util.Map;
import org.loyaltygraph.graphql.Refusal;
import org.loyaltygraph.graphql.RemoteAddressInterceptor;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Takes one request from the caller's budget before the document is even parsed; over budget, the
 * request is refused with {@link Refusal#RATE_LIMITED}, which the shared GraphQL layer answers with
 * HTTP 429 and {@code Retry-After}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class RateLimitInstrumentation extends SimplePerformantInstrumentation {

  private final CallerRateLimiter limiter;

  RateLimitInstrumentation(CallerRateLimiter limiter) {
    this.limiter = limiter;
  }

  @Override
  public InstrumentationContext<ExecutionResult> beginExecution(
      InstrumentationExecutionParameters parameters, InstrumentationState state) {
    ExecutionInput input = parameters.getExecutionInput();
    CallerRateLimiter.Decision decision =
        limiter.acquire(
            CallerContext.of(input.getGraphQLContext()),
            input.getGraphQLContext().get(RemoteAddressInterceptor.REMOTE_ADDRESS));
    if (!decision.allowed()) {
      long seconds = decision.retryAfterSeconds();
      throw Refusal.of(
          Refusal.RATE_LIMITED,
          "Too many requests from this caller; retry in " + seconds + " s.",
          Map.of(Refusal.RETRY_AFTER_SECONDS, seconds));
    }
    return SimpleInstrumentationContext.noOp();
  }
}
