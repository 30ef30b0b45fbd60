package org.loyaltygraph.security;

import com.github.benmanes.caffeine.cache.Ticker;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The per-caller rate limiter, on the system's monotonic ticker. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

  @Bean
  CallerRateLimiter callerRateLimiter(RateLimitProperties properties) {
    return new CallerRateLimiter(properties, Ticker.systemTicker());
  }
}
