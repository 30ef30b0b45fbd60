package org.loyaltygraph.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.schema.client.CustomerGraphQLQuery;
import org.loyaltygraph.schema.client.CustomerProjectionRoot;
import org.loyaltygraph.schema.client.CustomerUpsertGraphQLQuery;
import org.loyaltygraph.schema.client.CustomerUpsertProjectionRoot;
import org.loyaltygraph.schema.types.Customer;
import org.loyaltygraph.schema.types.CustomerUpsertInput;
import org.loyaltygraph.schema.types.CustomerUpsertPayload;
import org.loyaltygraph.testing.GraphQLTestClient;

/** The packaged service answers a mutation and a query over HTTP, end to end on the database. */
class WalkingSkeletonIT {

  private final TypedGraphQLClient storefront = PackagedPlugin.get().storefront();

  @Test
  void storefrontSendsACustomerAndReadsItBack() {
    String id = "it-" + UUID.randomUUID();
    CustomerUpsertPayload upserted =
        storefront.call(
            CustomerUpsertGraphQLQuery.newRequest()
                .input(CustomerUpsertInput.newBuilder().id(id).email("it@example.com").build())
                .build(),
            new CustomerUpsertProjectionRoot<>().customer().id().root().userErrors().code().root(),
            CustomerUpsertPayload.class);

    Customer read =
        storefront.call(
            CustomerGraphQLQuery.newRequest().id(id).build(),
            new CustomerProjectionRoot<>().id().profile().email().root(),
            Customer.class);

    assertThat(upserted.getUserErrors()).isEmpty();
    assertThat(upserted.getCustomer().getId()).isEqualTo(id);
    assertThat(read.getProfile().getEmail()).isEqualTo("it@example.com");
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
