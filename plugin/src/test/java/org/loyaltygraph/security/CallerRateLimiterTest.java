package org.loyaltygraph.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.graphql.RemoteAddressInterceptor;
import org.loyaltygraph.security.RateLimitProperties.Budget;

class CallerRateLimiterTest {

  static final GraphQLSchema SCHEMA =
      UnExecutableSchemaGenerator.makeUnExecutableSchema(
          new SchemaParser().parse("type Query { version: String }"));

  final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  final Ticker ticker = nanos::get;

  CallerRateLimiter limiter(RateLimitProperties config) {
    return new CallerRateLimiter(config, ticker);
  }

  void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Test
  void aCallerMaySendItsBurstAtOnceThenWaitsForTheRate() {
    CallerRateLimiter limiter = limiter(new RateLimitProperties(true, 2, 3, null));
    Caller partner = Caller.of(Role.PARTNER, "key-1");

    for (int i = 0; i < 3; i++) {
      assertThat(limiter.acquire(partner, "10.0.0.1").allowed()).isTrue();
    }
    CallerRateLimiter.Decision refused = limiter.acquire(partner, "10.0.0.1");

    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(500));
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);

    advance(Duration.ofMillis(500));
    assertThat(limiter.acquire(partner, "10.0.0.1").allowed()).isTrue();
    assertThat(limiter.acquire(partner, "10.0.0.1").allowed()).isFalse();
  }

  @Test
  void anIdleBucketRefillsToItsBurstAndNoFurther() {
    CallerRateLimiter limiter = limiter(new RateLimitProperties(true, 1, 2, null));
    Caller customer = Caller.customer("c-1");
    limiter.acquire(customer, null);
    limiter.acquire(customer, null);

    advance(Duration.ofHours(1));

    assertThat(limiter.acquire(customer, null).allowed()).isTrue();
    assertThat(limiter.acquire(customer, null).allowed()).isTrue();
    assertThat(limiter.acquire(customer, null).allowed()).isFalse();
  }

  @Test
  void eachCallerHasItsOwnBudgetAndAnonymousCallersOneByAddress() {
    CallerRateLimiter limiter = limiter(new RateLimitProperties(true, 1, 1, null));

    assertThat(limiter.acquire(Caller.customer("a"), "10.0.0.1").allowed()).isTrue();
    assertThat(limiter.acquire(Caller.customer("a"), "10.0.0.2").allowed()).isFalse();
    assertThat(limiter.acquire(Caller.customer("b"), "10.0.0.1").allowed()).isTrue();
    assertThat(limiter.acquire(Caller.ANONYMOUS, "10.0.0.1").allowed()).isTrue();
    assertThat(limiter.acquire(Caller.ANONYMOUS, "10.0.0.1").allowed()).isFalse();
    assertThat(limiter.acquire(Caller.ANONYMOUS, "10.0.0.2").allowed()).isTrue();
  }

  @Test
  void theStorefrontServerHasALargerBudgetUnlessConfiguredOtherwise() {
    CallerRateLimiter limiter = limiter(new RateLimitProperties(true, 1, 1, null));
    Caller storefront = Caller.of(Role.STOREFRONT, "key-s");
    for (int i = 0; i < 1000; i++) {
      assertThat(limiter.acquire(storefront, null).allowed()).isTrue();
    }

    CallerRateLimiter strict =
        limiter(
            new RateLimitProperties(true, 1000, 1000, Map.of(Role.STOREFRONT, new Budget(1, 1))));
    assertThat(strict.acquire(storefront, null).allowed()).isTrue();
    assertThat(strict.acquire(storefront, null).allowed()).isFalse();
    assertThat(strict.acquire(Caller.of(Role.ROUTER, "router"), null).allowed()).isTrue();
  }

  @Test
  void overBudgetTheWholeRequestIsRefusedWithRateLimitedAndWhenToRetry() {
    CallerRateLimiter limiter = limiter(new RateLimitProperties(true, 0.5, 1, null));
    GraphQL engine =
        GraphQL.newGraphQL(SCHEMA).instrumentation(new RateLimitInstrumentation(limiter)).build();
    ExecutionInput.Builder request =
        ExecutionInput.newExecutionInput("{ version }")
            .graphQLContext(Map.of(RemoteAddressInterceptor.REMOTE_ADDRESS, "10.0.0.9"));

    ExecutionResult first = engine.execute(request.build());
    ExecutionResult second = engine.execute(request.build());

    assertThat(first.getErrors()).isEmpty();
    assertThat(second.isDataPresent()).isFalse();
    assertThat(second.getErrors().get(0).getExtensions())
        .containsEntry("code", "RATE_LIMITED")
        .containsEntry("retryAfterSeconds", 2L);
  }

  @Test
  void aDisabledLimitAllowsEverything() {
    CallerRateLimiter limiter = limiter(new RateLimitProperties(false, 1, 1, null));

    for (int i = 0; i < 10; i++) {
      assertThat(limiter.acquire(Caller.ANONYMOUS, "10.0.0.1").allowed()).isTrue();
    }
  }

  @Test
  void theDefaultsAreGenerousAndABudgetMustBePositive() {
    RateLimitProperties defaults = RateLimitProperties.defaults();
    assertThat(defaults.budgetOf(Role.PARTNER)).isEqualTo(new Budget(1000, 2000));
    assertThat(defaults.budgetOf(Role.STOREFRONT).requestsPerSecond()).isGreaterThan(10_000);

    assertThatThrownBy(() -> new RateLimitProperties(true, 0, 10, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Budget(10, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
