package org.loyaltygraph.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service on a random port, on the real {@link TestDatabase}, with a {@link
 * MutableClock}. All test classes share one application context (same configuration), so the suite
 * starts it once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "loyaltygraph.security.bootstrap-storefront-key=" + GraphQLTestClient.STOREFRONT_KEY,
      "loyaltygraph.security.jwt-secret=" + ShopperTokens.SECRET,
      "logging.structured.format.console=",
      // tests drive the import worker themselves
      "loyaltygraph.imports.worker-enabled=false",
      // small chunks, so the import tests' files cross chunk boundaries; a cap a test can pass
      "loyaltygraph.imports.chunk-size=4KB",
      "loyaltygraph.imports.max-file-size=1MB",
      // the webhook worker and expiry warnings run when a test calls them, on the test's clock
      "loyaltygraph.events.scheduled=false",
      // the tests' webhook receivers listen on 127.0.0.1
      "loyaltygraph.events.allow-private-addresses=true",
      // idle unless a test records the statements a request sends
      "spring.datasource.hikari.data-source-properties.queryInterceptors="
          + "org.loyaltygraph.testing.StatementRecorder",
    })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import({
  TestClockConfiguration.class,
  GraphQLTestClient.Configuration.class,
  AdminSessions.Configuration.class
})
public @interface LoyaltyGraphTest {}
