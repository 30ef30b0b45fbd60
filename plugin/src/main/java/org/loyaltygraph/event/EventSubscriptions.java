package org.loyaltygraph.event;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.loyaltygraph.system.CommitEvictedCache;
import org.springframework.stereotype.Component;

/**
 * The event types some enabled endpoint receives: the outbox writes no event that nobody would be
 * sent (a shop without webhooks writes none at all). Cached for a few seconds per instance and
 * evicted when this instance creates or disables an endpoint, so an endpoint created on another
 * instance receives the events of changes committed from at most that long after its creation.
 */
@Component
class EventSubscriptions {

  static final Duration TIME_TO_LIVE = Duration.ofSeconds(5);
  private static final String KEY = "enabled";

  private final WebhookEndpointRepository endpoints;
  private final CommitEvictedCache<Set<EventType>> cache =
      new CommitEvictedCache<>(TIME_TO_LIVE, 1);

  EventSubscriptions(WebhookEndpointRepository endpoints) {
    this.endpoints = endpoints;
  }

  boolean anyReceives(EventType type) {
    return received().contains(type);
  }

  /** Called by every change of endpoints; takes effect when the change's transaction ends. */
  void changed() {
    cache.evictAfterCommit(List.of(KEY));
  }

  private Set<EventType> received() {
    return cache
        .getAll(List.of(KEY), types -> true, keys -> Map.of(KEY, endpoints.typesReceived()))
        .getOrDefault(KEY, EnumSet.noneOf(EventType.class));
  }
}
