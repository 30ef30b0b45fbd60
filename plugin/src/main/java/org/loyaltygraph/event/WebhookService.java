package org.loyaltygraph.event;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.loyaltygraph.graphql.Pagination;
import org.loyaltygraph.graphql.UserError;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Webhook endpoints and deliveries as admins manage them: create (the secret is shown once),
 * disable, list, and replay an event. Refusals write nothing.
 */
@Service
class WebhookService {

  static final String SECRET_PREFIX = "whsec_";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_URL_LENGTH = 2000;
  private static final int MAX_KEY_LENGTH = 128;

  private final WebhookEndpointRepository endpoints;
  private final WebhookDeliveryRepository deliveries;
  private final OutboxRepository events;
  private final WebhookReplayRepository replays;
  private final EventSubscriptions subscriptions;
  private final Clock clock;
  private final boolean allowPrivateAddresses;

  WebhookService(
      WebhookEndpointRepository endpoints,
      WebhookDeliveryRepository deliveries,
      OutboxRepository events,
      WebhookReplayRepository replays,
      EventSubscriptions subscriptions,
      Clock clock,
      EventProperties properties) {
    this.allowPrivateAddresses = properties.allowPrivateAddresses();
    this.endpoints = endpoints;
    this.deliveries = deliveries;
    this.events = events;
    this.replays = replays;
    this.subscriptions = subscriptions;
    this.clock = clock;
  }

  /** The endpoint and its secret (this once), or why not. */
  record CreateResult(WebhookEndpoint endpoint, String secret, List<UserError> userErrors) {

    @Override
    public String toString() {
      return "CreateResult[endpoint=" + endpoint + ", userErrors=" + userErrors + "]";
    }
  }

  record EndpointResult(WebhookEndpoint endpoint, List<UserError> userErrors) {}

  record ReplayResult(List<WebhookDelivery> deliveries, List<UserError> userErrors) {}

  @Transactional
  public CreateResult create(String url, Set<EventType> types, String createdBy) {
    List<UserError> errors = new ArrayList<>();
    String trimmed = url == null ? "" : url.trim();
    if (trimmed.isEmpty()) {
      errors.add(UserError.of("REQUIRED", "The URL is required.", "input", "url"));
    } else {
      urlProblem(trimmed)
          .or(() -> ReceiverAddress.problem(URI.create(trimmed).getHost(), allowPrivateAddresses))
          .ifPresent(problem -> errors.add(UserError.of("INVALID_URL", problem, "input", "url")));
    }
    if (types == null || types.isEmpty()) {
      errors.add(UserError.of("REQUIRED", "Give at least one event type.", "input", "eventTypes"));
    }
    if (!errors.isEmpty()) {
      return new CreateResult(null, null, List.copyOf(errors));
    }
    String secret = newSecret();
    Set<EventType> subscribed = EnumSet.copyOf(types);
    long id = endpoints.insert(trimmed, subscribed, secret, createdBy, clock.instant());
    subscriptions.changed();
    return new CreateResult(endpoints.find(id).orElseThrow(), secret, List.of());
  }

  /** Disables an endpoint and cancels what it still had to receive; again is a no-op. */
  @Transactional
  public EndpointResult disable(String id) {
    Optional<WebhookEndpoint> endpoint = endpoint(id);
    if (endpoint.isEmpty()) {
      return new EndpointResult(null, List.of(unknownEndpoint("id")));
    }
    long endpointId = endpoint.get().id();
    if (endpoints.disable(endpointId, clock.instant())) {
      deliveries.cancelPending(endpointId);
      subscriptions.changed();
    }
    return new EndpointResult(endpoints.find(endpointId).orElseThrow(), List.of());
  }

  Pagination.Page<WebhookEndpoint> endpoints(Pagination.PageRequest page) {
    List<WebhookEndpoint> rows =
        endpoints.page(
            page.after().isPresent() ? page.after().getAsLong() : null, page.fetchSize());
    return page.toPage(rows, WebhookEndpoint::id);
  }

  /** The deliveries to one endpoint, newest first; an unknown endpoint has none. */
  Pagination.Page<WebhookDelivery> deliveries(String endpointId, Pagination.PageRequest page) {
    Optional<Long> id = parseId(endpointId);
    List<WebhookDelivery> rows =
        id.isEmpty()
            ? List.of()
            : deliveries.page(
                id.get(),
                page.after().isPresent() ? page.after().getAsLong() : null,
                page.fetchSize());
    return page.toPage(rows, WebhookDelivery::id);
  }

  /**
   * Queues a new delivery of an event, with its original id, to one endpoint or to every enabled
   * endpoint of its type. With an idempotency key, a repeated call queues nothing and answers the
   * first call's deliveries.
   */
  @Transactional
  public ReplayResult replay(String eventId, String endpointId, String idempotencyKey) {
    String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.trim();
    if (key != null && key.length() > MAX_KEY_LENGTH) {
      return refused(
          UserError.of(
              "INVALID",
              "The idempotency key holds at most " + MAX_KEY_LENGTH + " characters.",
              "input",
              "idempotencyKey"));
    }
    Optional<OutboxEvent> event =
        eventId == null || eventId.isBlank() ? Optional.empty() : events.find(eventId.trim());
    if (event.isEmpty()) {
      return refused(UserError.of("UNKNOWN_EVENT", "No event has this id.", "input", "eventId"));
    }
    List<WebhookEndpoint> targets;
    Long onlyEndpoint = null;
    if (endpointId != null) {
      Optional<WebhookEndpoint> endpoint = endpoint(endpointId);
      if (endpoint.isEmpty()) {
        return refused(unknownEndpoint("endpointId"));
      }
      if (!endpoint.get().enabled()) {
        return refused(
            UserError.of("ENDPOINT_DISABLED", "The endpoint is disabled.", "input", "endpointId"));
      }
      targets = List.of(endpoint.get());
      onlyEndpoint = endpoint.get().id();
    } else {
      targets = endpoints.enabledFor(event.get().type());
      if (targets.isEmpty()) {
        return refused(
            UserError.of(
                "NO_ENDPOINT",
                "No enabled endpoint receives " + event.get().type().wireName() + ".",
                "input",
                "eventId"));
      }
    }
    Instant now = clock.instant();
    if (key != null && !replays.claim(key, event.get().id(), onlyEndpoint, now)) {
      return replayed(key, event.get().id(), onlyEndpoint);
    }
    List<Long> ids = new ArrayList<>();
    for (WebhookEndpoint target : targets) {
      ids.add(deliveries.insertReplay(event.get().id(), target.id(), key, now));
    }
    return new ReplayResult(deliveries.byIds(ids), List.of());
  }

  private ReplayResult replayed(String key, String eventId, Long endpointId) {
    WebhookReplayRepository.Claim first = replays.find(key).orElseThrow();
    if (!first.eventId().equals(eventId) || !Objects.equals(first.endpointId(), endpointId)) {
      return refused(
          UserError.of(
              "IDEMPOTENCY_KEY_REUSED",
              "This key was used for another replay; nothing was queued.",
              "input",
              "idempotencyKey"));
    }
    return new ReplayResult(deliveries.byReplayKey(key), List.of());
  }

  /** Why this is not a URL to POST webhooks to, or empty when it is one. */
  static Optional<String> urlProblem(String url) {
    if (url.length() > MAX_URL_LENGTH) {
      return Optional.of("The URL holds at most " + MAX_URL_LENGTH + " characters.");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.of("Not a URL: " + e.getReason() + ".");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of("Only http:// and https:// URLs receive webhooks.");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      return Optional.of("The URL needs a host.");
    }
    if (uri.getRawUserInfo() != null) {
      // every admin, analysts too, reads the URL back: credentials in it would leak
      return Optional.of("The URL must not hold credentials; verify the signature instead.");
    }
    if (uri.getRawFragment() != null) {
      return Optional.of("The URL must not have a fragment.");
    }
    return Optional.empty();
  }

  private Optional<WebhookEndpoint> endpoint(String id) {
    return parseId(id).flatMap(endpoints::find);
  }

  private static Optional<Long> parseId(String id) {
    try {
      return id == null ? Optional.empty() : Optional.of(Long.parseLong(id.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static UserError unknownEndpoint(String field) {
    return UserError.of("UNKNOWN_ENDPOINT", "No endpoint has this id.", "input", field);
  }

  private static ReplayResult refused(UserError error) {
    return new ReplayResult(null, List.of(error));
  }

  private static String newSecret() {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }
}
