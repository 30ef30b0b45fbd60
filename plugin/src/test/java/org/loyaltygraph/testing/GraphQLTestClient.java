package org.loyaltygraph.testing;

import com.netflix.graphql.dgs.client.codegen.GraphQLQueryRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends GraphQL documents over real HTTP, as a storefront or a browser would. A document is either
 * a request built with the typed client graphql-schema generates ({@code
 * org.loyaltygraph.schema.client}: a {@code *GraphQLQuery} and its {@code *ProjectionRoot}), so a
 * schema change breaks the compilation of the tests that use it, or a string, for tests of what the
 * GraphQL layer does with the document itself (malformed documents, limits, error shapes).
 */
public class GraphQLTestClient {

  public static final String STOREFRONT_KEY = "lgk_test_storefront_key_0123456789abcdef";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI endpoint;

  public GraphQLTestClient(String baseUrl) {
    this.endpoint = URI.create(baseUrl + "/graphql");
  }

  public Response storefront(String document, Map<String, Object> variables) {
    return send("Bearer " + STOREFRONT_KEY, document, variables);
  }

  public Response storefront(GraphQLQueryRequest request, Map<String, Object> variables) {
    return storefront(request.serialize(), variables);
  }

  public Response send(
      String authorization, GraphQLQueryRequest request, Map<String, Object> variables) {
    return send(authorization, request.serialize(), variables);
  }

  public Response send(String authorization, String document, Map<String, Object> variables) {
    try {
      String body = JSON.writeValueAsString(Map.of("query", document, "variables", variables));
      HttpRequest.Builder request =
          HttpRequest.newBuilder(endpoint)
              .header("Content-Type", "application/json")
              .header("Accept", "application/graphql-response+json, application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body));
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A GraphQL answer: {@code data} and {@code errors} as JSON, and the raw body for assertions. */
  public record Response(int status, String body, JsonNode json) {

    public JsonNode data() {
      return json.path("data");
    }

    public JsonNode errors() {
      return json.path("errors");
    }

    public Response assertNoErrors() {
      if (json.has("errors") && !json.path("errors").isEmpty()) {
        throw new AssertionError("GraphQL errors: " + body);
      }
      return this;
    }
  }

  @TestConfiguration(proxyBeanMethods = false)
  public static class Configuration {

    @Bean
    @Lazy
    GraphQLTestClient graphQLTestClient(Environment env) {
      return new GraphQLTestClient("http://127.0.0.1:" + env.getProperty("local.server.port"));
    }
  }
}
