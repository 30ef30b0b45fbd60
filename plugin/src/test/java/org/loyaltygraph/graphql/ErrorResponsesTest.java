package org.loyaltygraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Every kind of error answers with a code and without internals. */
@LoyaltyGraphTest
class ErrorResponsesTest {

  @Autowired GraphQLTestClient graphql;

  static void assertNoInternals(GraphQLTestClient.Response response) {
    assertThat(response.body())
        .doesNotContain("Exception")
        .doesNotContain("at org.")
        .doesNotContain("java.")
        .doesNotContain("LinkedHashMap")
        .doesNotContainIgnoringCase("select ")
        .doesNotContainIgnoringCase("insert ")
        .doesNotContain("SQL");
  }

  static String code(GraphQLTestClient.Response response) {
    return response.errors().get(0).at("/extensions/code").asString();
  }

  @Test
  void anUnknownFieldIsAValidationError() {
    var response = graphql.storefront("{ serviceVersion secretField }", Map.of());

    assertThat(code(response)).isEqualTo("GRAPHQL_VALIDATION_FAILED");
    assertThat(response.errors().get(0).at("/message").asString()).contains("secretField");
    assertNoInternals(response);
  }

  @Test
  void aSyntaxErrorIsAParseError() {
    var response = graphql.storefront("{ serviceVersion ", Map.of());

    assertThat(code(response)).isEqualTo("GRAPHQL_PARSE_FAILED");
    assertNoInternals(response);
  }

  @Test
  void aVariableOfTheWrongTypeIsBadUserInputNamedInJsonTerms() {
    String document =
        "query($n: Int!) { customer(id: \"x\") { loyalty { ledger(first: $n) { edges { cursor } }"
            + " } } }";

    var object = graphql.storefront(document, Map.of("n", Map.of("a", 1)));
    var text = graphql.storefront(document, Map.of("n", "ten"));

    assertThat(code(object)).isEqualTo("BAD_USER_INPUT");
    assertThat(object.errors().get(0).at("/message").asString()).contains("'object'");
    assertThat(code(text)).isEqualTo("BAD_USER_INPUT");
    assertNoInternals(object);
    assertNoInternals(text);
  }

  @Test
  void anInternalErrorCarriesATraceIdAndNothingElse() {
    // no entity fetcher answers for this type: a server-side failure, not the client's input
    var response =
        graphql.storefront(
            "query($r: [_Any!]!) { _entities(representations: $r) { __typename } }",
            Map.of("r", List.of(Map.of("__typename", "NoSuchEntity", "id", "1"))));

    assertThat(code(response)).isEqualTo("INTERNAL");
    assertThat(response.errors().get(0).at("/extensions/traceId").asString())
        .matches("[0-9a-f-]{36}");
    assertThat(response.errors().get(0).at("/message").asString())
        .isEqualTo("Internal error; quote the trace id.");
    assertNoInternals(response);
  }

  @Test
  void introspectionIsRefusedOutsideTheDemoProfile() {
    var response = graphql.storefront("{ __schema { types { name } } }", Map.of());

    assertThat(code(response)).isEqualTo("INTROSPECTION_DISABLED");
    assertThat(
            response.data().path("__schema").isMissingNode()
                || response.data().path("__schema").isNull())
        .isTrue();
    assertNoInternals(response);
  }
}
