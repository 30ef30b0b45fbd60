package org.loyaltygraph.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicBoolean;
import org.loyaltygraph.customer.CustomerService;
import org.loyaltygraph.security.SecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The demo's start-up banner: where to send queries, and the demo's credentials, ready to paste.
 * Only in the {@code demo} profile, whose credentials are public anyway; no other profile ever
 * prints a secret.
 */
@Component
@Profile("demo")
class DemoBanner {

  static final Duration TOKEN_LIFETIME = Duration.ofHours(24);

  private static final Logger log = LoggerFactory.getLogger(DemoBanner.class);

  private final Environment environment;
  private final SecurityProperties security;
  private final DemoShopSeeder seeder;
  private final CustomerService customers;
  private final Clock clock;
  private final AtomicBoolean printed = new AtomicBoolean();

  DemoBanner(
      Environment environment,
      SecurityProperties security,
      DemoShopSeeder seeder,
      CustomerService customers,
      Clock clock) {
    this.environment = environment;
    this.security = security;
    this.seeder = seeder;
    this.customers = customers;
    this.clock = clock;
  }

  /**
   * Printed when the service declares itself ready to take traffic, after the seeding (which runs
   * first on the same event) and after the security feature stored the bootstrap key and admin.
   */
  @EventListener
  @Order(Ordered.LOWEST_PRECEDENCE)
  void print(AvailabilityChangeEvent<ReadinessState> event) {
    if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC
        && printed.compareAndSet(false, true)) {
      log.info(text());
    }
  }

  String text() {
    String base = "http://localhost:" + environment.getProperty("local.server.port", "8080");
    String graphql = base + environment.getProperty("dgs.graphql.path", "/graphql");
    String graphiql = base + environment.getProperty("dgs.graphql.graphiql.path", "/graphiql");
    String key = security.bootstrapStorefrontKey();
    String shopper = seeder.showcaseCustomerId();
    String rule = "=".repeat(100) + "\n";
    StringBuilder b = new StringBuilder("\n").append(rule);
    b.append("  Loyalty Graph demo is ready\n").append(rule);
    b.append("  GraphQL:        ").append(graphql).append("   (POST, application/json)\n");
    b.append("  GraphiQL:       ").append(graphiql).append('\n');
    if (present(key)) {
      b.append("  Storefront key: ").append(key).append("   (Authorization: Bearer <key>)\n");
    }
    if (present(security.bootstrapAdminEmail())) {
      b.append("  Admin login:    ")
          .append(security.bootstrapAdminEmail())
          .append(" / ")
          .append(security.bootstrapAdminPassword())
          .append("   (mutation adminLogin)\n");
    }
    if (present(security.jwtSecret()) && customers.exists(shopper)) {
      b.append("  Shopper JWT of ")
          .append(shopper)
          .append(" (a loyal customer), valid 24 h, for `me { loyalty { ... } }`:\n    ")
          .append(shopperToken(shopper, clock.instant()))
          .append('\n');
    }
    if (present(key)) {
      b.append("  Try it:\n    ").append(curl(graphql, key, shopper)).append('\n');
    }
    String realDatabase =
        environment.getProperty(
            "LOYALTYGRAPH_DB_URL", environment.getProperty("SPRING_DATASOURCE_URL", ""));
    if (realDatabase.isBlank()) {
      b.append("  Reset the demo shop: stop the service and delete ")
          .append(
              environment.getProperty("loyaltygraph.embedded-database.data-dir", "its data dir"))
          .append('\n');
    } else {
      b.append("  Database:       the one the environment's URL names (the embedded one is off)\n");
    }
    return b.append(rule).toString();
  }

  /** The storefront's read of one customer's loyalty, as the README and the banner show it. */
  static String exampleQuery(String customerId) {
    return "{ customer(id: \""
        + customerId
        + "\") { loyalty { tier { name }"
        + " points { available } } } }";
  }

  static String curl(String graphqlUrl, String storefrontKey, String customerId) {
    String body = "{\"query\":\"" + exampleQuery(customerId).replace("\"", "\\\"") + "\"}";
    return "curl -s "
        + graphqlUrl
        + " -H 'Content-Type: application/json' -H 'Authorization: Bearer "
        + storefrontKey
        + "' \\\n      -d '"
        + body
        + "'";
  }

  /** HS256 with the shared secret, as the storefront signs its shoppers' tokens. */
  String shopperToken(String customerId, Instant now) {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .subject(customerId)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)));
    if (present(security.jwtIssuer())) {
      claims.issuer(security.jwtIssuer());
    }
    if (present(security.jwtAudience())) {
      claims.audience(security.jwtAudience());
    }
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
      jwt.sign(new MACSigner(security.jwtSecret().getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("The demo shopper token could not be signed", e);
    }
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
