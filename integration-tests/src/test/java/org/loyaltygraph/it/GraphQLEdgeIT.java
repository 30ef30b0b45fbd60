package org.loyaltygraph.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.graphql.dgs.client.codegen.GraphQLQueryRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.schema.client.ServiceVersionGraphQLQuery;
import org.loyaltygraph.testing.GraphQLTestClient;

/**
 * The GraphQL edge of the packaged plugin with its shipped defaults: GraphQL over HTTP, the request
 * limits, and the operations endpoints. The documents that test the edge itself (a body that is not
 * JSON, a document too large, a page too long) are written out; a plain call is built with the
 * generated typed client.
 */
class GraphQLEdgeIT {

  private static final GraphQLQueryRequest SERVICE_VERSION =
      new GraphQLQueryRequest(new ServiceVersionGraphQLQuery());

  private final PackagedPlugin plugin = PackagedPlugin.get();
  private final GraphQLTestClient graphql = plugin.client();
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder post(String contentType, String accept, String body) {
    return HttpRequest.newBuilder(URI.create(plugin.baseUrl() + "/graphql"))
        .header("Authorization", "Bearer " + GraphQLTestClient.STOREFRONT_KEY)
        .header("Content-Type", contentType)
        .header("Accept", accept)
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  @Test
  void onlyPostWithAJsonBodyIsAccepted() throws Exception {
    var get =
        send(
            HttpRequest.newBuilder(
                    URI.create(plugin.baseUrl() + "/graphql?query=%7BserviceVersion%7D"))
                .header("Authorization", "Bearer " + GraphQLTestClient.STOREFRONT_KEY));
    var text = send(post("text/plain", "application/json", "{ serviceVersion }"));
    var form = send(post("application/x-www-form-urlencoded", "application/json", "query=x"));

    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(form.statusCode()).isEqualTo(415);
  }

  @Test
  void theResponseHasTheMediaTypeTheClientAskedFor() throws Exception {
    String body = "{\"query\":\"{ serviceVersion }\"}";

    var graphqlResponse = send(post("application/json", "application/graphql-response+json", body));
    var json = send(post("application/json", "application/json", body));

    assertThat(graphqlResponse.statusCode()).isEqualTo(200);
    assertThat(graphqlResponse.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/graphql-response+json");
    assertThat(json.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
  }

  @Test
  void everyAnswerReportsItsCostAndTheLimitsHold() {
    var ok = graphql.storefront(SERVICE_VERSION, Map.of()).assertNoErrors();
    var large = graphql.storefront("# " + "x".repeat(20_000) + "\n{ serviceVersion }", Map.of());
    var page =
        graphql.storefront(
            "{ customer(id: \"it-nobody\") { loyalty { ledger(first: 101) { edges { cursor } } }"
                + " } }",
            Map.of());

    assertThat(ok.json().at("/extensions/cost/requested").asLong()).isEqualTo(1);
    assertThat(ok.json().at("/extensions/cost/limit").asLong()).isEqualTo(5000);
    assertThat(large.errors().get(0).at("/extensions/code").asString())
        .isEqualTo("DOCUMENT_TOO_LARGE");
    assertThat(page.errors().get(0).at("/extensions/code").asString())
        .isEqualTo("INVALID_ARGUMENT");
  }

  @Test
  void healthAndPrometheusMetricsAreServed() throws Exception {
    graphql.storefront(SERVICE_VERSION, Map.of()).assertNoErrors();

    var health = send(HttpRequest.newBuilder(URI.create(plugin.baseUrl() + "/actuator/health")));
    var metrics =
        send(HttpRequest.newBuilder(URI.create(plugin.baseUrl() + "/actuator/prometheus")));

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("jvm_memory_used_bytes")
        .contains("graphql_request_seconds_count");
  }
}
