package org.loyaltygraph.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The request budget of each caller: one {@link TokenBucket} per principal (key id, admin, customer
 * id), and per remote address for anonymous callers. Buckets live in a bounded Caffeine cache and
 * are dropped once idle long enough to be full again, so dropping one changes nothing.
 *
 * <p>It reads a monotonic {@link Ticker}, not the application {@code Clock}: budgets are about
 * elapsed real time, and the business clock may be set or frozen (tests, replays).
 */
class CallerRateLimiter {

  private static final int MAX_TRACKED_CALLERS = 100_000;

  private final RateLimitProperties config;
  private final Ticker ticker;
  private final Cache<String, TokenBucket> buckets;

  CallerRateLimiter(RateLimitProperties config, Ticker ticker) {
    this.config = config;
    this.ticker = ticker;
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(MAX_TRACKED_CALLERS)
            .expireAfterAccess(timeToRefill(config), TimeUnit.NANOSECONDS)
            .ticker(ticker)
            .build();
  }

  /** Takes one request from the caller's budget. */
  Decision acquire(Caller caller, String remoteAddress) {
    if (!config.enabled()) {
      return Decision.ALLOWED;
    }
    String key =
        caller.isAuthenticated()
            ? caller.role() + ":" + caller.principal()
            : "address:" + (remoteAddress == null ? "unknown" : remoteAddress);
    long now = ticker.read();
    TokenBucket bucket =
        buckets.get(key, k -> new TokenBucket(config.budgetOf(caller.role()), now));
    long wait = bucket.tryAcquire(now);
    return wait == 0 ? Decision.ALLOWED : new Decision(false, Duration.ofNanos(wait));
  }

  private static long timeToRefill(RateLimitProperties config) {
    double seconds = config.burst() / config.requestsPerSecond();
    for (Role role : Role.values()) {
      RateLimitProperties.Budget budget = config.budgetOf(role);
      seconds = Math.max(seconds, budget.burst() / budget.requestsPerSecond());
    }
    return TimeUnit.SECONDS.toNanos((long) Math.ceil(Math.max(60, seconds)));
  }

  /**
   * Whether a request may proceed, and if not, how long until it could.
   *
   * @param allowed true when a token was taken
   * @param retryAfter zero when allowed
   */
  record Decision(boolean allowed, Duration retryAfter) {

    static final Decision ALLOWED = new Decision(true, Duration.ZERO);

    /** Whole seconds to wait, rounded up, as HTTP's {@code Retry-After} wants them. */
    public long retryAfterSeconds() {
      long seconds = retryAfter.toSeconds();
      return retryAfter.toNanosPart() > 0 ? seconds + 1 : seconds;
    }
  }
}
