package org.loyaltygraph.event;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes events into the outbox, inside the caller's transaction and only there (MANDATORY): an
 * event then exists exactly when the change that caused it committed. One INSERT per event; the
 * fan-out to endpoints happens later, in the delivery worker, off the writer's path. An event of a
 * type that no enabled endpoint receives is not written ({@link EventSubscriptions}).
 */
@Component
class Outbox {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final OutboxRepository events;
  private final EventSubscriptions subscriptions;
  private final Clock clock;

  Outbox(OutboxRepository events, EventSubscriptions subscriptions, Clock clock) {
    this.events = events;
    this.subscriptions = subscriptions;
    this.clock = clock;
  }

  /** An event to write with {@link #writeAll}. */
  record Draft(EventType type, String customerId, Map<String, Object> payload, String dedupKey) {}

  /**
   * {@link #write} of several events in one statement; when one of them exists already, each is
   * written on its own, so the others still are (only the failed statement was undone).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void writeAll(List<Draft> all) {
    List<Draft> drafts = all.stream().filter(d -> subscriptions.anyReceives(d.type())).toList();
    if (drafts.size() <= 1) {
      drafts.forEach(d -> write(d.type(), d.customerId(), d.payload(), d.dedupKey()));
      return;
    }
    try {
      events.insertAll(
          drafts.stream().map(this::event).toList(), drafts.stream().map(Draft::dedupKey).toList());
    } catch (DuplicateKeyException duplicate) {
      drafts.forEach(d -> write(d.type(), d.customerId(), d.payload(), d.dedupKey()));
    }
  }

  /**
   * Writes an event, unless one with the same {@code dedupKey} exists (then nothing is written: the
   * duplicate is caught here, so it never marks the caller's transaction for rollback).
   *
   * @param dedupKey what makes this event unique, or null when its cause happens once
   * @return true when the event was written
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean write(
      EventType type, String customerId, Map<String, Object> payload, String dedupKey) {
    if (!subscriptions.anyReceives(type)) {
      return false;
    }
    OutboxEvent event = event(new Draft(type, customerId, payload, dedupKey));
    try {
      events.insert(event, dedupKey);
      return true;
    } catch (DuplicateKeyException duplicate) {
      return false;
    }
  }

  private OutboxEvent event(Draft draft) {
    return new OutboxEvent(
        UUID.randomUUID().toString(),
        draft.type(),
        draft.customerId(),
        clock.instant(),
        JSON.writeValueAsString(draft.payload()));
  }
}
