package org.loyaltygraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The default limits over HTTP: cost, page size and document size, on cached documents too. */
@LoyaltyGraphTest
class QueryLimitsTest {

  /** 20 loyalty ledgers of 100 entries: 1 + 20 x (1 + 1 + 100 x 3) = 6041, over 5000. */
  static final String COSTLY = "{ customer(id: \"nobody\") { " + ledgers("100") + " } }";

  @Autowired GraphQLTestClient graphql;
  @Autowired DocumentCache documents;

  static String ledgers(String first) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      s.append("l").append(i).append(": loyalty { ledger(first: ").append(first);
      s.append(") { edges { node { id } } } } ");
    }
    return s.toString();
  }

  @Test
  void theCostOfEveryRequestIsReportedInItsExtensions() {
    var response = graphql.storefront("{ serviceVersion }", Map.of()).assertNoErrors();

    assertThat(response.json().at("/extensions/cost/requested").asLong()).isEqualTo(1);
    assertThat(response.json().at("/extensions/cost/limit").asLong()).isEqualTo(5000);
  }

  @Test
  void anOperationOverTheCostBudgetIsRefusedAndNothingRuns() {
    String id = "limits-" + UUID.randomUUID();
    String mutation =
        "mutation { customerUpsert(input: {id: \""
            + id
            + "\"}) { customer { "
            + ledgers("100")
            + " } } }";

    var response = graphql.storefront(mutation, Map.of());

    assertThat(response.errors().get(0).at("/extensions/code").asString())
        .isEqualTo("QUERY_TOO_COSTLY");
    assertThat(response.errors().get(0).at("/extensions/cost/requested").asLong()).isEqualTo(6042);
    assertThat(response.json().at("/extensions/cost/limit").asLong()).isEqualTo(5000);
    assertThat(response.json().has("data")).isFalse();
    assertThat(
            graphql
                .storefront("query($id: ID!) { customer(id: $id) { id } }", Map.of("id", id))
                .data()
                .at("/customer")
                .isNull())
        .isTrue();
  }

  @Test
  void limitsApplyBeforeTheAccessPolicyAndTheAccessPolicyStillApplies() {
    var costly = graphql.send(null, COSTLY, Map.of());
    var cheap = graphql.send(null, "{ customer(id: \"nobody\") { id } }", Map.of());

    assertThat(costly.errors().get(0).at("/extensions/code").asString())
        .isEqualTo("QUERY_TOO_COSTLY");
    assertThat(cheap.errors().get(0).at("/extensions/code").asString())
        .isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void aCachedDocumentIsHeldToTheLimitsAgainWithEachRequestsVariables() {
    String document =
        "query($n: Int!) { customer(id: \"nobody-"
            + UUID.randomUUID()
            + "\") { "
            + ledgers("$n")
            + " } }";
    long hitsBefore = documents.hits();

    var small = graphql.storefront(document, Map.of("n", 1)).assertNoErrors();
    var large = graphql.storefront(document, Map.of("n", 100));
    var again = graphql.storefront(COSTLY, Map.of());
    var againCached = graphql.storefront(COSTLY, Map.of());

    assertThat(small.json().at("/extensions/cost/requested").asLong()).isEqualTo(1 + 20 * 5);
    assertThat(large.errors().get(0).at("/extensions/code").asString())
        .isEqualTo("QUERY_TOO_COSTLY");
    assertThat(again.errors().get(0).at("/extensions/code").asString())
        .isEqualTo("QUERY_TOO_COSTLY");
    assertThat(againCached.errors().get(0).at("/extensions/code").asString())
        .isEqualTo("QUERY_TOO_COSTLY");
    assertThat(documents.hits() - hitsBefore).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aPageSizeOutsideOneToAHundredIsRefusedBeforeExecution() {
    String document =
        "query($n: Int!) { customer(id: \"nobody\") { loyalty { ledger(first: $n) { edges { node"
            + " { id } } } } } }";

    for (int bad : new int[] {0, 101, 5000}) {
      var response = graphql.storefront(document, Map.of("n", bad));
      assertThat(response.errors().get(0).at("/extensions/code").asString())
          .isEqualTo("INVALID_ARGUMENT");
      assertThat(response.errors().get(0).at("/message").asString()).contains("ledger");
      assertThat(response.json().has("data")).isFalse();
    }
    assertThat(graphql.storefront(document, Map.of("n", 100)).errors().isEmpty()).isTrue();
  }

  @Test
  void aDocumentOverSixteenKibIsRefusedBeforeParsingCountingBytesNotCharacters() {
    String asciiPadding = "# " + "x".repeat(17 * 1024) + "\n";
    String accentPadding = "# " + "é".repeat(9000) + "\n"; // 9,000 characters, 18,000 bytes
    String fits = "# " + "é".repeat(5000) + "\n";

    var ascii = graphql.storefront(asciiPadding + "{ serviceVersion }", Map.of());
    var accents = graphql.storefront(accentPadding + "{ serviceVersion }", Map.of());

    assertThat(ascii.errors().get(0).at("/extensions/code").asString())
        .isEqualTo("DOCUMENT_TOO_LARGE");
    assertThat(accents.errors().get(0).at("/extensions/code").asString())
        .isEqualTo("DOCUMENT_TOO_LARGE");
    graphql.storefront(fits + "{ serviceVersion }", Map.of()).assertNoErrors();
  }
}
