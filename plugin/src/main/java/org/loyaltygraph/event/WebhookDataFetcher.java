package org.loyaltygraph.event;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import graphql.schema.DataFetchingEnvironment;
import java.util.EnumSet;
import java.util.Set;
import org.loyaltygraph.graphql.Pagination;
import org.loyaltygraph.schema.types.WebhookDeliveryConnection;
import org.loyaltygraph.schema.types.WebhookEndpointConnection;
import org.loyaltygraph.schema.types.WebhookEndpointCreateInput;
import org.loyaltygraph.schema.types.WebhookEndpointCreatePayload;
import org.loyaltygraph.schema.types.WebhookEndpointDisableInput;
import org.loyaltygraph.schema.types.WebhookEndpointPayload;
import org.loyaltygraph.schema.types.WebhookEventReplayInput;
import org.loyaltygraph.schema.types.WebhookEventReplayPayload;
import org.loyaltygraph.security.CallerContext;
import org.loyaltygraph.system.LockConflictRetry;

/**
 * Webhook administration; AccessPolicy has let only admins this far. The mutations run their whole
 * service transaction again on a deadlock: disabling and replaying write delivery rows that the
 * delivery worker locks too, and creating does the same so that every admin write behaves alike.
 */
@DgsComponent
class WebhookDataFetcher {

  private final WebhookService webhooks;

  WebhookDataFetcher(WebhookService webhooks) {
    this.webhooks = webhooks;
  }

  @DgsQuery
  WebhookEndpointConnection webhookEndpoints(DataFetchingEnvironment env) {
    return WebhookGraphQL.endpoints(webhooks.endpoints(Pagination.request(env)));
  }

  @DgsQuery
  WebhookDeliveryConnection webhookDeliveries(
      DataFetchingEnvironment env, @InputArgument String endpointId) {
    return WebhookGraphQL.deliveries(webhooks.deliveries(endpointId, Pagination.request(env)));
  }

  @DgsMutation
  WebhookEndpointCreatePayload webhookEndpointCreate(
      DataFetchingEnvironment env, @InputArgument WebhookEndpointCreateInput input) {
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    if (input.getEventTypes() != null) {
      input.getEventTypes().forEach(t -> types.add(WebhookGraphQL.type(t)));
    }
    String createdBy = CallerContext.of(env).principal();
    WebhookService.CreateResult result =
        LockConflictRetry.run(() -> webhooks.create(input.getUrl(), types, createdBy));
    return WebhookEndpointCreatePayload.newBuilder()
        .endpoint(WebhookGraphQL.endpoint(result.endpoint()))
        .secret(result.secret())
        .userErrors(WebhookGraphQL.userErrors(result.userErrors()))
        .build();
  }

  @DgsMutation
  WebhookEndpointPayload webhookEndpointDisable(@InputArgument WebhookEndpointDisableInput input) {
    WebhookService.EndpointResult result =
        LockConflictRetry.run(() -> webhooks.disable(input.getId()));
    return WebhookEndpointPayload.newBuilder()
        .endpoint(WebhookGraphQL.endpoint(result.endpoint()))
        .userErrors(WebhookGraphQL.userErrors(result.userErrors()))
        .build();
  }

  @DgsMutation
  WebhookEventReplayPayload webhookEventReplay(@InputArgument WebhookEventReplayInput input) {
    WebhookService.ReplayResult result =
        LockConflictRetry.run(
            () ->
                webhooks.replay(
                    input.getEventId(), input.getEndpointId(), input.getIdempotencyKey()));
    return WebhookEventReplayPayload.newBuilder()
        .deliveries(WebhookGraphQL.deliveries(result.deliveries()))
        .userErrors(WebhookGraphQL.userErrors(result.userErrors()))
        .build();
  }
}
