package org.loyaltygraph.it;

import com.netflix.graphql.dgs.client.DgsCustomGraphQLClient;
import com.netflix.graphql.dgs.client.DgsGraphQLClient;
import com.netflix.graphql.dgs.client.DgsGraphQLResponse;
import com.netflix.graphql.dgs.client.HttpResponse;
import com.netflix.graphql.dgs.client.codegen.BaseProjectionNode;
import com.netflix.graphql.dgs.client.codegen.GraphQLQuery;
import com.netflix.graphql.dgs.client.codegen.GraphQLQueryRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

/**
 * The plugin called the way a Java storefront would: operations and selections built with the typed
 * client that graphql-schema generates ({@code org.loyaltygraph.schema.client}), inputs and answers
 * as its generated types ({@code org.loyaltygraph.schema.types}), sent by DGS's {@link
 * DgsCustomGraphQLClient} over {@code java.net.http}. A schema change that breaks a call breaks the
 * compilation of the test that makes it.
 */
final class TypedGraphQLClient {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final DgsGraphQLClient client;

  /** {@code authorization} is the header's value: {@code Bearer lgk_...} or a shopper's token. */
  TypedGraphQLClient(String baseUrl, String authorization) {
    this.client =
        new DgsCustomGraphQLClient(
            baseUrl + "/graphql", (url, headers, body) -> post(url, headers, body, authorization));
  }

  /**
   * Sends {@code operation} with {@code selection} and answers its result ({@code
   * data.<operation>}) as {@code resultType}; a GraphQL error fails the test.
   */
  <T> T call(GraphQLQuery operation, BaseProjectionNode selection, Class<T> resultType) {
    DgsGraphQLResponse response =
        client.executeQuery(new GraphQLQueryRequest(operation, selection).serialize());
    if (response.hasErrors()) {
      throw new AssertionError("GraphQL errors: " + response.getJson());
    }
    return response.extractValueAsObject(operation.getOperationName(), resultType);
  }

  private static HttpResponse post(
      String url, Map<String, ? extends List<String>> headers, String body, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", authorization)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach((name, values) -> values.forEach(value -> request.header(name, value)));
    try {
      java.net.http.HttpResponse<String> response =
          HTTP.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      return new HttpResponse(response.statusCode(), response.body(), response.headers().map());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
