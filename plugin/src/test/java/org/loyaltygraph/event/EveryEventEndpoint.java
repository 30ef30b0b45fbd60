package org.loyaltygraph.event;

import java.util.EnumSet;
import java.util.List;
import org.springframework.context.ApplicationContext;

/**
 * An enabled webhook endpoint that receives every event type, for tests that read the outbox
 * itself: the outbox writes only the events some enabled endpoint receives. Nothing is sent to it
 * unless a test runs the delivery worker. Endpoints are global: close it after each test.
 */
public final class EveryEventEndpoint implements AutoCloseable {

  private final WebhookService webhooks;
  private final String id;

  private EveryEventEndpoint(WebhookService webhooks, String id) {
    this.webhooks = webhooks;
    this.id = id;
  }

  public static EveryEventEndpoint create(ApplicationContext context) {
    return create(context, EventType.values());
  }

  static EveryEventEndpoint create(ApplicationContext context, EventType... types) {
    WebhookService webhooks = context.getBean(WebhookService.class);
    WebhookService.CreateResult created =
        webhooks.create(
            "http://127.0.0.1:9/every-event", EnumSet.copyOf(List.of(types)), "test-owner");
    if (!created.userErrors().isEmpty()) {
      throw new IllegalStateException(created.userErrors().toString());
    }
    return new EveryEventEndpoint(webhooks, Long.toString(created.endpoint().id()));
  }

  @Override
  public void close() {
    webhooks.disable(id);
  }
}
