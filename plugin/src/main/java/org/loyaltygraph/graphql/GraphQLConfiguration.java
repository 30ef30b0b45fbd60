package org.loyaltygraph.graphql;

import io.micrometer.observation.ObservationPredicate;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.observation.GraphQlObservationInstrumentation;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;

/** The shared GraphQL edge: the HTTP handler and the request metrics. */
@Configuration(proxyBeanMethods = false)
class GraphQLConfiguration {

  /** Replaces Boot's handler (it backs off when one exists) to answer 429 when rate limited. */
  @Bean
  GraphQlHttpHandler loyaltyGraphHttpHandler(WebGraphQlHandler webGraphQlHandler) {
    return new GraphQLHttpHandler(webGraphQlHandler);
  }

  /**
   * The {@code graphql.request} timer ({@code graphql_request_seconds} in Prometheus). DGS leaves
   * Boot's GraphQL observation auto-configuration out, so it is declared here.
   */
  @Bean
  GraphQlObservationInstrumentation graphQlObservationInstrumentation(
      ObservationRegistry registry) {
    return new GraphQlObservationInstrumentation(registry);
  }

  /** One timer per request is enough: a timer per field fetch costs throughput for little. */
  @Bean
  ObservationPredicate noGraphQlDataFetcherObservations() {
    return (name, context) -> !name.equals("graphql.datafetcher");
  }
}
