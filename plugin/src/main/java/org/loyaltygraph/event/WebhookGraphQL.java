package org.loyaltygraph.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.loyaltygraph.graphql.Pagination;
import org.loyaltygraph.graphql.UserError;
import org.loyaltygraph.schema.types.WebhookDeliveryConnection;
import org.loyaltygraph.schema.types.WebhookDeliveryEdge;
import org.loyaltygraph.schema.types.WebhookDeliveryStatus;
import org.loyaltygraph.schema.types.WebhookEndpointConnection;
import org.loyaltygraph.schema.types.WebhookEndpointEdge;
import org.loyaltygraph.schema.types.WebhookErrorCode;
import org.loyaltygraph.schema.types.WebhookEvent;
import org.loyaltygraph.schema.types.WebhookEventType;
import org.loyaltygraph.schema.types.WebhookUserError;

/** Maps the event records to the generated GraphQL types; the secret is never among them. */
final class WebhookGraphQL {

  private WebhookGraphQL() {}

  static org.loyaltygraph.schema.types.WebhookEndpoint endpoint(WebhookEndpoint e) {
    if (e == null) {
      return null;
    }
    return org.loyaltygraph.schema.types.WebhookEndpoint.newBuilder()
        .id(Long.toString(e.id()))
        .url(e.url())
        .eventTypes(e.eventTypes().stream().map(WebhookGraphQL::type).toList())
        .enabled(e.enabled())
        .createdAt(dateTime(e.createdAt()))
        .disabledAt(dateTime(e.disabledAt()))
        .pausedUntil(dateTime(e.pausedUntil()))
        .build();
  }

  static org.loyaltygraph.schema.types.WebhookDelivery delivery(WebhookDelivery d) {
    return org.loyaltygraph.schema.types.WebhookDelivery.newBuilder()
        .id(Long.toString(d.id()))
        .event(event(d.event()))
        .endpointId(Long.toString(d.endpointId()))
        .status(WebhookDeliveryStatus.valueOf(d.status().name()))
        .attempts(d.attempts())
        .lastAttemptAt(dateTime(d.lastAttemptAt()))
        .nextAttemptAt(
            d.status() == WebhookDelivery.Status.PENDING ? dateTime(d.nextAttemptAt()) : null)
        .lastResponseCode(d.lastResponseCode())
        .lastError(d.lastError())
        .deliveredAt(dateTime(d.deliveredAt()))
        .createdAt(dateTime(d.createdAt()))
        .replay(d.replay())
        .build();
  }

  static List<org.loyaltygraph.schema.types.WebhookDelivery> deliveries(
      List<WebhookDelivery> deliveries) {
    return deliveries == null ? null : deliveries.stream().map(WebhookGraphQL::delivery).toList();
  }

  static WebhookEndpointConnection endpoints(Pagination.Page<WebhookEndpoint> page) {
    return WebhookEndpointConnection.newBuilder()
        .edges(
            page.edges().stream()
                .map(
                    e ->
                        WebhookEndpointEdge.newBuilder()
                            .cursor(e.cursor())
                            .node(endpoint(e.node()))
                            .build())
                .toList())
        .pageInfo(page.pageInfo())
        .build();
  }

  static WebhookDeliveryConnection deliveries(Pagination.Page<WebhookDelivery> page) {
    return WebhookDeliveryConnection.newBuilder()
        .edges(
            page.edges().stream()
                .map(
                    e ->
                        WebhookDeliveryEdge.newBuilder()
                            .cursor(e.cursor())
                            .node(delivery(e.node()))
                            .build())
                .toList())
        .pageInfo(page.pageInfo())
        .build();
  }

  static WebhookUserError userError(UserError e) {
    return WebhookUserError.newBuilder()
        .field(e.field())
        .message(e.message())
        .code(WebhookErrorCode.valueOf(e.code()))
        .build();
  }

  static List<WebhookUserError> userErrors(List<UserError> errors) {
    return errors.stream().map(WebhookGraphQL::userError).toList();
  }

  static EventType type(WebhookEventType type) {
    return EventType.valueOf(type.name());
  }

  private static WebhookEventType type(EventType type) {
    return WebhookEventType.valueOf(type.name());
  }

  private static WebhookEvent event(OutboxEvent e) {
    return WebhookEvent.newBuilder()
        .id(e.id())
        .type(type(e.type()))
        .customerId(e.customerId())
        .occurredAt(dateTime(e.occurredAt()))
        .payload(e.payload())
        .build();
  }

  private static OffsetDateTime dateTime(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
