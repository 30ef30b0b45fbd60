package org.loyaltygraph.testing;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the application under test at {@link TestDatabase}, with a URL as a user writes one: the
 * driver settings the service depends on come from its own properties.
 */
public class TestDatabaseInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    TestDatabase db = TestDatabase.get();
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "testDatabase",
                Map.of(
                    "spring.datasource.url", db.serviceUrl(),
                    "spring.datasource.username", db.user(),
                    "spring.datasource.password", db.password())));
  }
}
