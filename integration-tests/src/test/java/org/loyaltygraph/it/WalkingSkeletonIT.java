package org.loyaltygraph.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.GraphQLTestClient;

/** The packaged service answers a mutation and a query over HTTP, end to end on the database. */
class WalkingSkeletonIT {

  private final GraphQLTestClient graphql = PackagedPlugin.get().client();

  @Test
  void storefrontSendsACustomerAndReadsItBack() {
    String id = "it-" + UUID.randomUUID();
    graphql
        .storefront(
            "mutation($in: CustomerUpsertInput!) { customerUpsert(input: $in) { customer { id } userErrors { code } } }",
            Map.of("in", Map.of("id", id, "email", "it@example.com")))
        .assertNoErrors();

    var read =
        graphql
            .storefront(
                "query($id: ID!) { customer(id: $id) { id profile { email } } }", Map.of("id", id))
            .assertNoErrors();

    assertThat(read.data().at("/customer/profile/email").asString()).isEqualTo("it@example.com");
  }

  @Test
  void getRequestsAreRefused() throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    var response =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(
                        PackagedPlugin.get().baseUrl() + "/graphql?query=%7BserviceVersion%7D"))
                .header("Authorization", "Bearer " + GraphQLTestClient.STOREFRONT_KEY)
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isIn(404, 405);
  }
}
