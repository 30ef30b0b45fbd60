package org.loyaltygraph.security;

/**
 * A token bucket: holds up to {@code burst} tokens, refills at {@code requestsPerSecond}, and each
 * request takes one. Time is a monotonic nanosecond reading passed in, so tests can drive it.
 */
final class TokenBucket {

  private final double capacity;
  private final double tokensPerNano;
  private double tokens;
  private long refilledAt;

  TokenBucket(RateLimitProperties.Budget budget, long now) {
    this.capacity = Math.max(1, budget.burst());
    this.tokensPerNano = budget.requestsPerSecond() / 1e9;
    this.tokens = capacity;
    this.refilledAt = now;
  }

  /** Takes a token: 0 when granted, else the nanoseconds until one is available. */
  synchronized long tryAcquire(long now) {
    long elapsed = now - refilledAt;
    if (elapsed > 0) {
      tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
      refilledAt = now;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return (long) Math.ceil((1 - tokens) / tokensPerNano);
  }
}
