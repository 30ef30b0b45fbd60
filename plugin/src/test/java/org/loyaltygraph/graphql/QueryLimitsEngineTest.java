package org.loyaltygraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.introspection.IntrospectionQuery;
import graphql.schema.GraphQLSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.util.unit.DataSize;

/**
 * The limits on the real schema with limits other than the defaults, through graphql-java itself
 * (the shared application keeps its defaults). The deepest path of today's schema is 8 fields, so
 * the default depth of 12 is a guard for the schema to come: a depth of 4 shows it working.
 */
@LoyaltyGraphTest
class QueryLimitsEngineTest {

  @Autowired GraphQlSource source;

  final AtomicInteger fetches = new AtomicInteger();

  GraphQL engine(int maxDepth) {
    GraphQLProperties limits =
        new GraphQLProperties(maxDepth, 5000, DataSize.ofKilobytes(16), 2000);
    SimplePerformantInstrumentation countFetches =
        new SimplePerformantInstrumentation() {
          @Override
          public InstrumentationContext<Object> beginFieldFetch(
              InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
            fetches.incrementAndGet();
            return null;
          }
        };
    return GraphQL.newGraphQL(source.schema())
        .instrumentation(
            new ChainedInstrumentation(
                List.of(new QueryLimitsInstrumentation(limits), countFetches)))
        .preparsedDocumentProvider(new DocumentCache(2000))
        .build();
  }

  @Test
  void anOperationDeeperThanTheLimitIsRefusedAndNoFieldIsFetched() {
    GraphQL engine = engine(4);
    String deep =
        "{ customer(id: \"nobody\") { loyalty { ledger(first: 100) { edges { node { id } } } } } }";

    for (int i = 0; i < 2; i++) { // the second time from the document cache
      ExecutionResult result = engine.execute(deep);
      assertThat(result.getErrors()).hasSize(1);
      assertThat(result.getErrors().get(0).getExtensions())
          .containsEntry("code", "QUERY_TOO_DEEP")
          .containsEntry("limit", 4);
      assertThat(result.isDataPresent()).isFalse();
    }
    assertThat(fetches).hasValue(0);
  }

  @Test
  void anOperationAtTheLimitRuns() {
    ExecutionResult result =
        engine(4).execute("{ customer(id: \"nobody\") { loyalty { points { available } } } }");

    assertThat(result.getErrors()).noneMatch(e -> Refusal.codeOf(e) != null);
    assertThat(fetches.get()).isPositive();
  }

  @Test
  void graphiqlIntrospectionFitsTheDefaultLimitsOfTheRealSchema() {
    GraphQLSchema schema = source.schema();
    QueryShape shape =
        QueryShapeTest.measure(schema, IntrospectionQuery.INTROSPECTION_QUERY, Map.of(), 12);
    GraphQLProperties defaults = GraphQLProperties.defaults();

    assertThat(shape.depth()).isLessThanOrEqualTo(defaults.maxDepth());
    assertThat(shape.cost()).isLessThanOrEqualTo(defaults.maxCost());
    assertThat(IntrospectionQuery.INTROSPECTION_QUERY.length())
        .isLessThan((int) defaults.maxDocumentSize().toBytes());
  }

  @Test
  void theDeepestDocumentOfTheRealSchemaFitsTheDefaultDepth() {
    ExecutionResult result =
        engine(12)
            .execute(
                ExecutionInput.newExecutionInput(
                        "{ customer(id: \"nobody\") { loyalty { tier { history(first: 100) { edges {"
                            + " node { toTier { name } } } } } } } }")
                    .build());

    assertThat(result.getErrors()).noneMatch(e -> Refusal.codeOf(e) != null);
    assertThat(fetches.get()).isPositive();
  }
}
