package org.loyaltygraph.system;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every feature reads time from this one Clock, so tests can move it. Always UTC, in whole
 * microseconds: the database keeps DATETIME(6), and Connector/J rounds a finer instant when it
 * binds it, so a time compared in memory would otherwise differ from the same time read back.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
  }
}
