package org.loyaltygraph.bulkimport;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.loyaltygraph.testing.Connections;
import org.loyaltygraph.testing.GraphQLTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /imports} over real HTTP, and the {@code importJob} query. */
final class Uploads {

  static final String STOREFRONT = "Bearer " + GraphQLTestClient.STOREFRONT_KEY;
  static final String JOB_FIELDS =
      "id kind format emitsEvents status rowsTotal rowsDone rowsImported rowsSkipped rowsFailed createdAt"
          + " startedAt finishedAt";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;
  private final String baseUrl;
  private final GraphQLTestClient graphql;

  Uploads(int port, GraphQLTestClient graphql) {
    this.port = port;
    this.baseUrl = "http://127.0.0.1:" + port;
    this.graphql = graphql;
  }

  /** An answer of {@code POST /imports}. */
  record Answer(int status, JsonNode body, HttpResponse<String> response) {

    String jobId() {
      return body.path("id").asString();
    }
  }

  Answer post(String authorization, String kind, String contentType, String body, String key) {
    return post(
        authorization, "kind=" + kind, contentType, HttpRequest.BodyPublishers.ofString(body), key);
  }

  /** {@code POST /imports?<query>}: the body as a stream, sent chunked, without Content-Length. */
  Answer stream(String query, String contentType, InputStream body) {
    return post(
        STOREFRONT, query, contentType, HttpRequest.BodyPublishers.ofInputStream(() -> body), null);
  }

  private Answer post(
      String authorization,
      String query,
      String contentType,
      HttpRequest.BodyPublisher body,
      String key) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/imports?" + query)).POST(body);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return send(request, authorization);
  }

  /**
   * {@code POST /imports?<query>} as the storefront, with a body the test sends a piece at a time.
   */
  SlowUpload slow(String query, String contentType, String key, long length) {
    return new SlowUpload(port, query, contentType, key, length);
  }

  /** {@code GET /imports/{id}}, where the upload's Location points. */
  Answer get(String authorization, String id) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + "/imports/" + id)).GET(), authorization);
  }

  private Answer send(HttpRequest.Builder request, String authorization) {
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), JSON.readTree(response.body()), response);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Answer csv(String authorization, String kind, String body) {
    return post(authorization, kind, "text/csv", body, null);
  }

  Answer ndjson(String authorization, String kind, String body) {
    return post(authorization, kind, "application/x-ndjson", body, null);
  }

  /** Uploads as the storefront and checks that a job was accepted. */
  String accepted(String kind, String contentType, String body) {
    return acceptedWith("kind=" + kind, contentType, body);
  }

  /** Uploads as the storefront with a query string ({@code kind=orders&events=true}). */
  String acceptedWith(String query, String contentType, String body) {
    return acceptedWith(STOREFRONT, query, contentType, body);
  }

  /** Uploads with a query string; the job must be accepted. */
  String acceptedWith(String authorization, String query, String contentType, String body) {
    Answer answer =
        post(authorization, query, contentType, HttpRequest.BodyPublishers.ofString(body), null);
    if (answer.status() != 202) {
      throw new AssertionError("upload refused: " + answer.status() + " " + answer.body());
    }
    return answer.jobId();
  }

  JsonNode job(String id) {
    return graphql
        .storefront(
            "query($id: ID!) { importJob(id: $id) { " + JOB_FIELDS + " } }", Map.of("id", id))
        .assertNoErrors()
        .data()
        .path("importJob");
  }

  /** The job's errors, all pages. */
  java.util.List<JsonNode> errors(String id) {
    return Connections.allNodes(
        after -> {
          java.util.Map<String, Object> variables = new java.util.HashMap<>();
          variables.put("id", id);
          variables.put("after", after);
          return graphql
              .storefront(
                  "query($id: ID!, $after: String) { importJob(id: $id) { errors(first: 2, after:"
                      + " $after) { edges { node { line recordId field code message } }"
                      + " pageInfo { hasNextPage endCursor } } } }",
                  variables)
              .assertNoErrors()
              .data()
              .at("/importJob/errors");
        });
  }
}
