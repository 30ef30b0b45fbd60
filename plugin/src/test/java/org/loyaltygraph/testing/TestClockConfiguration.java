package org.loyaltygraph.testing;

import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {

  @Bean
  @Primary
  public MutableClock clock() {
    return new MutableClock(Instant.parse("2026-01-15T10:00:00Z"));
  }
}
