package org.loyaltygraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;
import org.dataloader.MappedBatchLoader;
import org.junit.jupiter.api.Test;

/**
 * {@link Parents} on graphql-java's own execution: a field under a list goes through the
 * DataLoader, in one batch; a field under single objects only reads directly.
 */
class ParentsTest {

  private static final String SCHEMA =
      """
      type Query { one(id: ID!): Customer  many(ids: [ID!]!): [Customer]  page: Page }
      type Page { customers: [Customer!]! }
      type Customer { id: ID!  loyalty: Loyalty }
      type Loyalty { points: Int }
      """;

  private final List<Set<String>> batches = Collections.synchronizedList(new ArrayList<>());
  private final List<String> directReads = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Boolean> manyByPath =
      Collections.synchronizedMap(new LinkedHashMap<>());

  @Test
  void aFieldUnderSingleObjectsReadsDirectlyAndNeverTouchesTheLoader() {
    var result = run("{ a: one(id: \"c1\") { loyalty { points } } b: one(id: \"c2\") { id } }");

    assertThat(result.getErrors()).isEmpty();
    assertThat(result.<Map<String, Object>>getData().toString())
        .isEqualTo("{a={loyalty={points=1}}, b={id=c2}}");
    assertThat(directReads).containsExactly("c1");
    assertThat(batches).isEmpty();
    assertThat(manyByPath).containsExactly(Map.entry("/a/loyalty/points", false));
  }

  @Test
  void aFieldUnderAListGoesThroughTheLoaderInOneBatch() {
    var result = run("{ many(ids: [\"c1\", \"c2\", \"c3\"]) { loyalty { points } } }");

    assertThat(result.getErrors()).isEmpty();
    assertThat(result.<Map<String, Object>>getData().toString())
        .isEqualTo("{many=[{loyalty={points=1}}, {loyalty={points=2}}, {loyalty={points=3}}]}");
    assertThat(directReads).isEmpty();
    assertThat(batches).containsExactly(Set.of("c1", "c2", "c3"));
    assertThat(manyByPath.values()).containsOnly(true).hasSize(3);
  }

  @Test
  void aListAnywhereAboveCountsEvenUnderANonNullWrapperAndASingleObject() {
    var result = run("{ page { customers { loyalty { points } } } }");

    assertThat(result.getErrors()).isEmpty();
    assertThat(batches).containsExactly(Set.of("c1", "c2"));
    assertThat(directReads).isEmpty();
  }

  private ExecutionResult run(String query) {
    RuntimeWiring wiring =
        RuntimeWiring.newRuntimeWiring()
            .type(
                "Query",
                t ->
                    t.dataFetcher("one", env -> Map.of("id", env.getArgument("id")))
                        .dataFetcher(
                            "many",
                            env ->
                                env.<List<String>>getArgument("ids").stream()
                                    .map(id -> Map.of("id", id))
                                    .toList())
                        .dataFetcher(
                            "page",
                            env ->
                                Map.of(
                                    "customers", List.of(Map.of("id", "c1"), Map.of("id", "c2")))))
            .type(
                "Customer",
                t -> t.dataFetcher("loyalty", env -> env.<Map<String, Object>>getSource()))
            .type(
                "Loyalty",
                t ->
                    t.dataFetcher(
                        "points",
                        env -> {
                          String id = (String) env.<Map<String, Object>>getSource().get("id");
                          manyByPath.put(
                              env.getExecutionStepInfo().getPath().toString(),
                              Parents.mayBeMany(env));
                          return Parents.<String, Integer>load(env, "points", id, this::direct);
                        }))
            .build();
    GraphQLSchema schema =
        new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SCHEMA), wiring);
    MappedBatchLoader<String, Integer> loader =
        keys -> {
          batches.add(Set.copyOf(keys));
          Map<String, Integer> points = new LinkedHashMap<>();
          keys.forEach(k -> points.put(k, pointsOf(k)));
          return CompletableFuture.completedFuture(points);
        };
    DataLoaderRegistry registry =
        DataLoaderRegistry.newRegistry()
            .register("points", DataLoaderFactory.newMappedDataLoader(loader))
            .build();
    return GraphQL.newGraphQL(schema)
        .build()
        .execute(ExecutionInput.newExecutionInput(query).dataLoaderRegistry(registry).build());
  }

  private Integer direct(String id) {
    directReads.add(id);
    return pointsOf(id);
  }

  private static int pointsOf(String id) {
    return Integer.parseInt(id.substring(1));
  }
}
