package org.loyaltygraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.introspection.IntrospectionQuery;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class QueryShapeTest {

  static final GraphQLSchema SCHEMA =
      UnExecutableSchemaGenerator.makeUnExecutableSchema(
          new SchemaParser()
              .parse(
                  """
                  type Query { customer(id: ID!): Customer  version: String }
                  type Customer { id: ID!  tags: [String!]!  friends: [Customer!]!  loyalty: Loyalty! }
                  type Loyalty { ledger(first: Int, after: String): EntryConnection! }
                  type EntryConnection { edges: [EntryEdge!]!  pageInfo: PageInfo! }
                  type EntryEdge { cursor: String!  node: Entry! }
                  type Entry { id: ID! }
                  type PageInfo { hasNextPage: Boolean! }
                  """));

  static QueryShape measure(String document, Map<String, Object> variables, int ceiling) {
    return measure(SCHEMA, document, variables, ceiling);
  }

  static QueryShape measure(
      GraphQLSchema schema, String document, Map<String, Object> variables, int ceiling) {
    Document parsed = Parser.parse(document);
    OperationDefinition operation = parsed.getDefinitionsOfType(OperationDefinition.class).get(0);
    Map<String, FragmentDefinition> fragments =
        parsed.getDefinitionsOfType(FragmentDefinition.class).stream()
            .collect(Collectors.toMap(FragmentDefinition::getName, f -> f));
    return QueryShape.measure(schema, operation, fragments, variables, ceiling);
  }

  @Test
  void aPageCountsItsSubtreeTimesFirstAndItsEdgesOnce() {
    QueryShape shape =
        measure(
            "{ customer(id: 1) { loyalty { ledger(first: 100) { edges { node { id } } } } } }",
            Map.of(),
            12);

    // node{id} = 2, edges = 3 (not multiplied again), ledger = 1 + 100 * 3, loyalty, customer
    assertThat(shape.cost()).isEqualTo(303);
    assertThat(shape.depth()).isEqualTo(6);
    assertThat(shape.invalidPageSizes()).isEmpty();
  }

  @Test
  void aListWithoutFirstCountsTenTimesAndAScalarListOnce() {
    assertThat(measure("{ customer(id: 1) { friends { id } } }", Map.of(), 12).cost())
        .isEqualTo(1 + 1 + QueryShape.UNBOUNDED_LIST_FACTOR);
    assertThat(measure("{ customer(id: 1) { tags } }", Map.of(), 12).cost()).isEqualTo(2);
  }

  @Test
  void firstFromAVariableIsMeasuredWithItsValue() {
    String document =
        "query($n: Int) { customer(id: 1) { loyalty { ledger(first: $n) { edges { node { id } }"
            + " } } } }";

    assertThat(measure(document, Map.of("n", 10), 12).cost()).isEqualTo(3 + 10 * 3);
    assertThat(measure(document, Map.of("n", 1), 12).cost()).isEqualTo(3 + 3);
  }

  @Test
  void fragmentsAndInlineFragmentsCountLikeTheFieldsTheyHold() {
    QueryShape shape =
        measure(
            """
            { customer(id: 1) { ...L } }
            fragment L on Customer { loyalty { ledger(first: 100) { ... on EntryConnection { edges { node { id } } } } } }
            """,
            Map.of(),
            12);

    assertThat(shape.cost()).isEqualTo(303);
    assertThat(shape.depth()).isEqualTo(6);
  }

  @Test
  void aConnectionPageOutsideOneToAHundredIsReported() {
    String document =
        "query($n: Int) { customer(id: 1) { loyalty { ledger(first: $n) { edges { cursor } } } } }";

    assertThat(measure(document, Map.of("n", 0), 12).invalidPageSizes()).hasSize(1);
    assertThat(measure(document, Map.of("n", 101), 12).invalidPageSizes()).hasSize(1);
    assertThat(measure(document, Map.of(), 12).invalidPageSizes()).hasSize(1);
    assertThat(measure(document, Map.of("n", 100), 12).invalidPageSizes()).isEmpty();
    assertThat(measure(document, Map.of("n", 1), 12).invalidPageSizes()).isEmpty();
  }

  @Test
  void depthIsCountedNoFurtherThanJustPastTheCeiling() {
    String deep =
        "{ customer(id: 1) { " + "friends { ".repeat(30) + "id" + " }".repeat(30) + " } }";

    QueryShape shape = measure(deep, Map.of(), 12);

    assertThat(shape.depth()).isEqualTo(13);
    assertThat(measure(deep, Map.of(), 100).depth()).isEqualTo(32);
  }

  @Test
  void costSaturatesInsteadOfOverflowing() {
    String wide =
        "{ customer(id: 1) { " + "friends { ".repeat(25) + "id" + " }".repeat(25) + " } }";

    assertThat(measure(wide, Map.of(), 100).cost()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void introspectionCountsForNeitherDepthNorCost() {
    QueryShape shape = measure(IntrospectionQuery.INTROSPECTION_QUERY, Map.of(), 12);

    assertThat(shape.depth()).isZero();
    assertThat(shape.cost()).isZero();
    assertThat(
            measure(
                    "{ version __schema { types { fields { type { ofType { ofType { name } } } } } } }",
                    Map.of(),
                    12)
                .depth())
        .isEqualTo(1);
  }
}
