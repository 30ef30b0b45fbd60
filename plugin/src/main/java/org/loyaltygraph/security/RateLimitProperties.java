package org.loyaltygraph.security;

import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code loyaltygraph.graphql.rate-limit.*}: a token bucket per caller (key id, admin, customer id;
 * anonymous callers by address). The property names are those of the GraphQL limits they sit next
 * to; the policy is per caller, so it lives here with {@link Caller} and {@link Role}.
 *
 * @param enabled false turns rate limiting off
 * @param requestsPerSecond sustained rate of a caller
 * @param burst requests a caller may send at once after being idle
 * @param roles budgets that replace the default for a role; the storefront's server and the
 *     federation router carry every shopper's traffic, so by default they get a far larger one
 */
@ConfigurationProperties("loyaltygraph.graphql.rate-limit")
public record RateLimitProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("1000") double requestsPerSecond,
    @DefaultValue("2000") int burst,
    Map<Role, Budget> roles) {

  private static final Budget SERVER = new Budget(50_000, 100_000);

  public RateLimitProperties {
    new Budget(requestsPerSecond, burst); // checks them
    Map<Role, Budget> merged = new EnumMap<>(Role.class);
    merged.put(Role.STOREFRONT, SERVER);
    merged.put(Role.ROUTER, SERVER);
    if (roles != null) {
      merged.putAll(roles);
    }
    roles = Map.copyOf(merged);
  }

  /** Defaults for code that builds the limits by hand (unit tests, tools). */
  public static RateLimitProperties defaults() {
    return new RateLimitProperties(true, 1000, 2000, null);
  }

  /** The budget of a role: its own when configured, else the default one. */
  public Budget budgetOf(Role role) {
    return roles.getOrDefault(role, new Budget(requestsPerSecond, burst));
  }

  /** A sustained rate and the burst allowed on top of it. */
  public record Budget(double requestsPerSecond, int burst) {

    public Budget {
      if (!(requestsPerSecond > 0) || burst < 1) {
        throw new IllegalArgumentException(
            "A rate budget needs requests-per-second > 0 and burst >= 1");
      }
    }
  }
}
