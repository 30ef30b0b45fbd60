package org.loyaltygraph.points;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.loyaltygraph.customer.CustomerService;
import org.loyaltygraph.security.AccessPolicy;
import org.loyaltygraph.security.Caller;
import org.loyaltygraph.security.CallerResolver;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * BENCHMARK ONLY, off by default and never to be enabled in production: the storefront read {@code
 * customer(id) { loyalty { points { available } } } } as a plain Spring MVC endpoint, the baseline
 * the GraphQL path is measured against (integration-tests' {@code StorefrontBenchmark}). It does
 * the same work as the GraphQL path, so the ratio is GraphQL's own cost: it checks the same
 * credential with the same policy, looks the customer up through the same service call, reads the
 * same cached summary, and answers the same JSON.
 */
@RestController
@ConditionalOnProperty(name = "loyaltygraph.benchmark.baseline-endpoint", havingValue = "true")
class LoyaltySummaryBaselineController {

  private final CallerResolver callers;
  private final CustomerService customers;
  private final PointsService points;

  LoyaltySummaryBaselineController(
      CallerResolver callers, CustomerService customers, PointsService points) {
    this.callers = callers;
    this.customers = customers;
    this.points = points;
  }

  /** The request body: {@code {"id": "<customer id>"}}. */
  record SummaryRequest(String id) {}

  @PostMapping("/benchmark/loyalty-summary")
  ResponseEntity<Map<String, Object>> summary(
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestBody SummaryRequest request) {
    Caller caller = callers.resolve(authorization);
    if (!AccessPolicy.allows(caller, "Query", "customer") || !caller.mayActFor(request.id())) {
      return ResponseEntity.status(
              caller.isAuthenticated() ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED)
          .build();
    }
    Object customer = null;
    if (customers.exists(request.id())) {
      PointsSummary summary = points.summaries(List.of(request.id())).get(request.id());
      customer = Map.of("loyalty", Map.of("points", Map.of("available", summary.available())));
    }
    // singletonMap: an unknown customer answers {"customer": null}, as GraphQL does
    return ResponseEntity.ok(Map.of("data", Collections.singletonMap("customer", customer)));
  }
}
