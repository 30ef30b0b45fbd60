package org.loyaltygraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.springframework.beans.factory.annotation.Value;

/**
 * GraphQL over HTTP as spring-graphql serves it (no code of ours but the 429): POST with a JSON
 * body only, and the response media type the client asks for.
 */
@LoyaltyGraphTest
class GraphQLOverHttpTest {

  static final String BODY = "{\"query\":\"{ serviceVersion }\"}";
  static final String BAD_BODY = "{\"query\":\"{ serviceVersion \"}";

  final HttpClient http = HttpClient.newHttpClient();

  @Value("${local.server.port}")
  int port;

  HttpRequest.Builder graphql() {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
        .header("Authorization", "Bearer " + GraphQLTestClient.STOREFRONT_KEY);
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void getIsRefusedWithMethodNotAllowed() throws Exception {
    var response =
        send(
            graphql()
                .uri(URI.create("http://127.0.0.1:" + port + "/graphql?query=%7BserviceVersion%7D"))
                .GET());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void graphiqlIsOffOutsideTheDemoProfile() throws Exception {
    var response =
        send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphiql"))
                .header("Accept", "text/html")
                .GET());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).doesNotContainIgnoringCase("graphiql");
  }

  @Test
  void aBodyThatIsNotJsonIsRefusedWithUnsupportedMediaType() throws Exception {
    var response =
        send(
            graphql()
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{ serviceVersion }")));

    assertThat(response.statusCode()).isEqualTo(415);
  }

  @Test
  void aClientAskingForGraphqlResponseJsonGetsItAndA400ForARequestError() throws Exception {
    var ok =
        send(
            graphql()
                .header("Content-Type", "application/json")
                .header("Accept", "application/graphql-response+json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)));
    var bad =
        send(
            graphql()
                .header("Content-Type", "application/json")
                .header("Accept", "application/graphql-response+json")
                .POST(HttpRequest.BodyPublishers.ofString(BAD_BODY)));

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/graphql-response+json");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("GRAPHQL_PARSE_FAILED");
  }

  @Test
  void aClientAskingForJsonGetsItAnd200EvenForARequestError() throws Exception {
    var bad =
        send(
            graphql()
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BAD_BODY)));

    assertThat(bad.statusCode()).isEqualTo(200);
    assertThat(bad.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    assertThat(bad.body()).contains("GRAPHQL_PARSE_FAILED");
  }
}
