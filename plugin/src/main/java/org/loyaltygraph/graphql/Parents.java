package org.loyaltygraph.graphql;

import graphql.execution.ExecutionStepInfo;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLTypeUtil;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.dataloader.DataLoader;

/**
 * Whether a field resolves for one parent object or may resolve for many in the same request, and a
 * loader that batches only in the second case.
 *
 * <p>A DataLoader turns N parents' reads into one (the N+1 problem of lists and of federation's
 * {@code _entities}), at a fixed cost on every request that uses it: its queue, futures, dispatch
 * by level and an observation per batch. A field under no list (a storefront's {@code customer(id)
 * { loyalty { ... } }}, a shopper's {@code me}) has exactly one parent, so it reads directly.
 *
 * <p>Meant for reads served from a cache (the points summary, the tier standing), where reading
 * directly gives up little: two aliased single roots read once each, which on a cache hit is what
 * one batch of their two keys costs, and on a miss a read each (the document's cost limit bounds
 * how many); and two fields of the same parent that need the same value (points and affordable
 * rewards) each look it up, so a write committed between the two lookups can show in one and not
 * the other. An uncached read (a customer's profile row) keeps its DataLoader.
 */
public final class Parents {

  private Parents() {}

  /** True when a field above this one is a list: several parents may ask at once. */
  public static boolean mayBeMany(DataFetchingEnvironment env) {
    for (ExecutionStepInfo step = env.getExecutionStepInfo().getParent();
        step != null;
        step = step.getParent()) {
      if (GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(step.getType()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The value for {@code key}: through the named DataLoader when several parents may ask, else read
   * at once with {@code direct}, which must answer for the key what the loader answers.
   */
  public static <K, V> CompletableFuture<V> load(
      DataFetchingEnvironment env, String loaderName, K key, Function<K, V> direct) {
    if (mayBeMany(env)) {
      DataLoader<K, V> loader = env.getDataLoader(loaderName);
      return loader.load(key);
    }
    return CompletableFuture.completedFuture(direct.apply(key));
  }
}
