package org.loyaltygraph.graphql;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code loyaltygraph.graphql.*}: the limits every GraphQL request is held to. The defaults are
 * here, in code; a deployment overrides any of them in its properties. The request budget of each
 * caller ({@code loyaltygraph.graphql.rate-limit.*}) is a per-caller policy and lives with the
 * callers, in {@code security.RateLimitProperties}.
 *
 * @param maxDepth deepest field nesting of an operation, root fields at depth 1; introspection
 *     ({@code __schema}, {@code __type}) is not counted, graphql-java's good-faith introspection
 *     check bounds it instead
 * @param maxCost cost budget of one request: 1 per field; a connection's subtree times its {@code
 *     first}; a list without {@code first} times {@link QueryShape#UNBOUNDED_LIST_FACTOR}
 * @param maxDocumentSize largest query document accepted, checked before parsing
 * @param documentCacheSize parsed and validated documents kept, counting each started KiB of
 *     document text as one document, so large documents cannot crowd the heap
 */
@ConfigurationProperties("loyaltygraph.graphql")
public record GraphQLProperties(
    @DefaultValue("12") int maxDepth,
    @DefaultValue("5000") long maxCost,
    @DefaultValue("16KB") DataSize maxDocumentSize,
    @DefaultValue("2000") int documentCacheSize) {

  /** Defaults for code that builds the limits by hand (unit tests, tools). */
  public static GraphQLProperties defaults() {
    return new GraphQLProperties(12, 5000, DataSize.ofKilobytes(16), 2000);
  }
}
