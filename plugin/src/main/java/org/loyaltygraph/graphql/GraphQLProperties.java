package org.loyaltygraph.graphql;

import java.util.EnumMap;
import java.util.Map;
import org.loyaltygraph.security.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code loyaltygraph.graphql.*}: the limits every GraphQL request is held to. The defaults are
 * here, in code; a deployment overrides any of them in its properties.
 *
 * @param maxDepth deepest field nesting of an operation, root fields at depth 1; introspection
 *     ({@code __schema}, {@code __type}) is not counted, graphql-java's good-faith introspection
 *     check bounds it instead
 * @param maxCost cost budget of one request: 1 per field; a connection's subtree times its {@code
 *     first}; a list without {@code first} times {@link QueryShape#UNBOUNDED_LIST_FACTOR}
 * @param maxDocumentSize largest query document accepted, checked before parsing
 * @param documentCacheSize parsed and validated documents kept, counting each started KiB of
 *     document text as one document, so large documents cannot crowd the heap
 * @param rateLimit the request budget of each caller
 */
@ConfigurationProperties("loyaltygraph.graphql")
public record GraphQLProperties(
    @DefaultValue("12") int maxDepth,
    @DefaultValue("5000") long maxCost,
    @DefaultValue("16KB") DataSize maxDocumentSize,
    @DefaultValue("2000") int documentCacheSize,
    @DefaultValue RateLimit rateLimit) {

  /** Defaults for code that builds the limits by hand (unit tests, tools). */
  public static GraphQLProperties defaults() {
    return new GraphQLProperties(12, 5000, DataSize.ofKilobytes(16), 2000, RateLimit.defaults());
  }

  /**
   * A token bucket per caller (key id, admin, customer id; anonymous callers by address).
   *
   * @param enabled false turns rate limiting off
   * @param requestsPerSecond sustained rate of a caller
   * @param burst requests a caller may send at once after being idle
   * @param roles budgets that replace the default for a role; the storefront's server and the
   *     federation router carry every shopper's traffic, so by default they get a far larger one
   */
  public record RateLimit(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("1000") double requestsPerSecond,
      @DefaultValue("2000") int burst,
      Map<Role, Budget> roles) {

    private static final Budget SERVER = new Budget(50_000, 100_000);

    public RateLimit {
      new Budget(requestsPerSecond, burst); // checks them
      Map<Role, Budget> merged = new EnumMap<>(Role.class);
      merged.put(Role.STOREFRONT, SERVER);
      merged.put(Role.ROUTER, SERVER);
      if (roles != null) {
        merged.putAll(roles);
      }
      roles = Map.copyOf(merged);
    }

    public static RateLimit defaults() {
      return new RateLimit(true, 1000, 2000, null);
    }

    /** The budget of a role: its own when configured, else the default one. */
    public Budget budgetOf(Role role) {
      return roles.getOrDefault(role, new Budget(requestsPerSecond, burst));
    }
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
