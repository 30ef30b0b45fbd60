package org.loyaltygraph.event;

import java.util.Arrays;
import java.util.Optional;

/** The events of the outbox, with the names receivers see. */
enum EventType {
  POINTS_EARNED("points.earned"),
  POINTS_REVERSED("points.reversed"),
  POINTS_EXPIRING("points.expiring"),
  TIER_CHANGED("tier.changed"),
  CUSTOMER_MERGED("customer.merged");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  String wireName() {
    return wireName;
  }

  static Optional<EventType> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }
}
