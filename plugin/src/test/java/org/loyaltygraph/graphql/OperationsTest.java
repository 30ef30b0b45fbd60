package org.loyaltygraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** What operators scrape: health and Prometheus metrics, GraphQL ones included. */
@LoyaltyGraphTest
class OperationsTest {

  @Autowired GraphQLTestClient graphql;

  @Value("${local.server.port}")
  int port;

  String get(String path, int expectedStatus) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(expectedStatus);
    return response.body();
  }

  @Test
  void healthIsUp() throws Exception {
    assertThat(get("/actuator/health", 200)).contains("\"status\":\"UP\"");
  }

  @Test
  void prometheusExposesJvmGraphqlAndDocumentCacheMetrics() throws Exception {
    graphql.storefront("{ serviceVersion }", Map.of()).assertNoErrors();
    graphql.storefront("{ serviceVersion }", Map.of()).assertNoErrors();

    String metrics = get("/actuator/prometheus", 200);

    assertThat(metrics).contains("jvm_memory_used_bytes");
    assertThat(metrics).contains("graphql_request_seconds_count");
    assertThat(metrics).contains("cache_gets_total{cache=\"graphql.documents\",result=\"hit\"}");
  }
}
