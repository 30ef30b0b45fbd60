package org.loyaltygraph.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.loyaltygraph.graphql.GraphQLProperties;
import org.loyaltygraph.security.RateLimitProperties.Budget;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The rate budgets live in security but keep their place among the GraphQL limits' properties. */
class RateLimitPropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({GraphQLProperties.class, RateLimitProperties.class})
  static class Limits {}

  final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(Limits.class);

  @Test
  void budgetsAreSetUnderLoyaltygraphGraphqlRateLimitNextToTheOtherLimits() {
    context
        .withPropertyValues(
            "loyaltygraph.graphql.max-depth=9",
            "loyaltygraph.graphql.rate-limit.enabled=false",
            "loyaltygraph.graphql.rate-limit.requests-per-second=5",
            "loyaltygraph.graphql.rate-limit.burst=7",
            "loyaltygraph.graphql.rate-limit.roles.partner.requests-per-second=1",
            "loyaltygraph.graphql.rate-limit.roles.partner.burst=2")
        .run(
            app -> {
              RateLimitProperties rateLimit = app.getBean(RateLimitProperties.class);
              assertThat(rateLimit.enabled()).isFalse();
              assertThat(rateLimit.budgetOf(Role.CUSTOMER)).isEqualTo(new Budget(5, 7));
              assertThat(rateLimit.budgetOf(Role.PARTNER)).isEqualTo(new Budget(1, 2));
              assertThat(app.getBean(GraphQLProperties.class).maxDepth()).isEqualTo(9);
            });
  }

  @Test
  void withoutPropertiesTheDefaultBudgetsApply() {
    context.run(
        app -> {
          RateLimitProperties rateLimit = app.getBean(RateLimitProperties.class);
          assertThat(rateLimit.enabled()).isTrue();
          assertThat(rateLimit.budgetOf(Role.PARTNER)).isEqualTo(new Budget(1000, 2000));
          assertThat(rateLimit.budgetOf(Role.STOREFRONT)).isEqualTo(new Budget(50_000, 100_000));
          assertThat(rateLimit).isEqualTo(RateLimitProperties.defaults());
        });
  }
}
