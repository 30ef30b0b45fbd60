package org.loyaltygraph.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.loyaltygraph.testing.Connections;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.GraphQLTestClient.Response;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Webhook administration as an admin sends it over HTTP, and the outbox as stored. Endpoints are
 * global, so each test disables the ones it made ({@link #disableAll(String)}).
 */
final class Webhooks {

  /**
   * Settings for a {@link WebhookSender} on its own: the jobs off and the given timeouts; the rest
   * does not matter to a sender.
   */
  static EventProperties senderSettings(Duration connectTimeout, Duration requestTimeout) {
    return new EventProperties(
        false,
        Duration.ofSeconds(5),
        10,
        1,
        connectTimeout,
        requestTimeout,
        12,
        Duration.ofSeconds(30),
        Duration.ofHours(6),
        14,
        Duration.ofHours(1),
        Duration.ofDays(90),
        Duration.ofHours(1),
        false);
  }

  static final String CREATE =
      """
      mutation($input: WebhookEndpointCreateInput!) {
        webhookEndpointCreate(input: $input) {
          secret endpoint { id url eventTypes enabled createdAt disabledAt }
          userErrors { field message code }
        }
      }""";
  static final String DISABLE =
      """
      mutation($id: ID!) {
        webhookEndpointDisable(input: {id: $id}) {
          endpoint { id enabled disabledAt } userErrors { field message code }
        }
      }""";
  static final String DELIVERY_FIELDS =
      "id endpointId status attempts lastAttemptAt nextAttemptAt lastResponseCode lastError"
          + " deliveredAt createdAt replay event { id type customerId occurredAt payload }";
  static final String DELIVERIES =
      "query($id: ID!, $after: String) { webhookDeliveries(endpointId: $id, first: 100, after: $after)"
          + " { edges { cursor node { "
          + DELIVERY_FIELDS
          + " } } pageInfo { hasNextPage endCursor } } }";
  static final String ENDPOINTS =
      "query($first: Int!, $after: String) { webhookEndpoints(first: $first, after: $after) {"
          + " edges { cursor node { id url eventTypes enabled pausedUntil } } pageInfo { hasNextPage endCursor } } }";
  static final String REPLAY =
      "mutation($input: WebhookEventReplayInput!) { webhookEventReplay(input: $input) {"
          + " deliveries { "
          + DELIVERY_FIELDS
          + " } userErrors { field message code } } }";

  private final GraphQLTestClient graphql;
  private final JdbcClient jdbc;
  private final List<String> created = new ArrayList<>();

  Webhooks(GraphQLTestClient graphql, JdbcClient jdbc) {
    this.graphql = graphql;
    this.jdbc = jdbc;
  }

  Response create(String bearer, String url, String... types) {
    Response response =
        graphql.send(
            bearer, CREATE, Map.of("input", Map.of("url", url, "eventTypes", List.of(types))));
    String id = response.data().at("/webhookEndpointCreate/endpoint/id").asString(null);
    if (id != null) {
      created.add(id);
    }
    return response;
  }

  /** Creates an endpoint that must be accepted; answers its id and secret. */
  Endpoint endpoint(String bearer, String url, String... types) {
    JsonNode payload =
        create(bearer, url, types).assertNoErrors().data().path("webhookEndpointCreate");
    assertThat(payload.path("userErrors").isEmpty()).as(payload.toString()).isTrue();
    return new Endpoint(payload.at("/endpoint/id").asString(), payload.path("secret").asString());
  }

  record Endpoint(String id, String secret) {}

  /** Every delivery to the endpoint, newest first. */
  List<JsonNode> deliveries(String bearer, String endpointId) {
    return Connections.allNodes(
        after -> {
          Map<String, Object> variables = new HashMap<>();
          variables.put("id", endpointId);
          variables.put("after", after);
          return graphql
              .send(bearer, DELIVERIES, variables)
              .assertNoErrors()
              .data()
              .path("webhookDeliveries");
        });
  }

  /** The deliveries of one event to the endpoint, oldest first. */
  List<JsonNode> deliveriesOf(String bearer, String endpointId, String eventId) {
    List<JsonNode> of =
        new ArrayList<>(
            deliveries(bearer, endpointId).stream()
                .filter(d -> d.at("/event/id").asString().equals(eventId))
                .toList());
    java.util.Collections.reverse(of);
    return of;
  }

  Response replay(String bearer, Map<String, Object> input) {
    return graphql.send(bearer, REPLAY, Map.of("input", input));
  }

  void disableAll(String bearer) {
    for (String id : created) {
      graphql.send(bearer, DISABLE, Map.of("id", id)).assertNoErrors();
    }
    created.clear();
  }

  /** The outbox events of a customer and type, oldest first: id and payload. */
  List<Stored> events(String customerId, String type) {
    return jdbc.sql(
            "SELECT id, payload, occurred_at FROM outbox_event WHERE customer_id = ? AND type = ?"
                + " ORDER BY seq")
        .params(customerId, type)
        .query(
            (rs, row) ->
                new Stored(
                    rs.getString("id"),
                    rs.getString("payload"),
                    rs.getTimestamp("occurred_at").toInstant()))
        .list();
  }

  record Stored(String id, String payload, java.time.Instant occurredAt) {}
}
