package org.loyaltygraph.benchmark;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loyaltygraph.customer.CustomerService;
import org.loyaltygraph.points.PointsService;
import org.loyaltygraph.points.PointsSummary;
import org.loyaltygraph.security.AccessPolicy;
import org.loyaltygraph.security.Caller;
import org.loyaltygraph.security.CallerResolver;
import org.loyaltygraph.tier.TierService;
import org.loyaltygraph.tier.TierStanding;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * BENCHMARK ONLY, off by default, never to be enabled in production: the storefront read {@code
 * customer(id) { loyalty { tier { name } points { available } } } } as a plain Spring MVC endpoint,
 * the baseline the GraphQL path is measured against (integration-tests' {@code
 * StorefrontBenchmark}). It does the same work as the GraphQL path, so the ratio is GraphQL's own
 * cost: the same credential check and access policy, the same service calls (customer lookup,
 * cached points summary, tier standing) and the same JSON. It lives in a package of its own because
 * it reads three features, and no feature may depend on another in a cycle.
 */
@RestController
@ConditionalOnProperty(name = "loyaltygraph.benchmark.baseline-endpoint", havingValue = "true")
class LoyaltySummaryBaselineController {

  private final CallerResolver callers;
  private final CustomerService customers;
  private final PointsService points;
  private final TierService tiers;

  LoyaltySummaryBaselineController(
      CallerResolver callers, CustomerService customers, PointsService points, TierService tiers) {
    this.callers = callers;
    this.customers = customers;
    this.points = points;
    this.tiers = tiers;
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
    Map<String, Object> customer = null;
    if (customers.exists(request.id())) {
      List<String> ids = List.of(request.id());
      PointsSummary summary = points.summaries(ids).get(request.id());
      TierStanding standing = tiers.standings(ids).get(request.id());
      Map<String, Object> loyalty = new LinkedHashMap<>();
      loyalty.put(
          "tier",
          Collections.singletonMap(
              "name", standing.tier() == null ? null : standing.tier().name()));
      loyalty.put("points", Map.of("available", summary.available()));
      customer = Map.of("loyalty", loyalty);
    }
    // singletonMap: an unknown customer answers {"customer": null}, as GraphQL does
    return ResponseEntity.ok(Map.of("data", Collections.singletonMap("customer", customer)));
  }
}
