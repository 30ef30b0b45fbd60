package org.loyaltygraph.customer;

import java.time.Instant;
import java.util.Objects;

/** A shopper as the storefront sent it, keyed by the storefront's own id. */
public record Customer(
    String id,
    String email,
    String firstName,
    String lastName,
    String timeZone,
    Instant createdAt,
    Instant updatedAt) {

  /** The same profile, whenever each was stored. */
  boolean sameProfileAs(Customer other) {
    return Objects.equals(email, other.email)
        && Objects.equals(firstName, other.firstName)
        && Objects.equals(lastName, other.lastName)
        && Objects.equals(timeZone, other.timeZone);
  }
}
