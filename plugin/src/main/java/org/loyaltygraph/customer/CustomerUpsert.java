package org.loyaltygraph.customer;

import java.time.Instant;

/**
 * What the storefront sends to create or update a customer; {@code updatedAt} is the storefront's
 * own modification time of it, or null.
 */
public record CustomerUpsert(
    String id,
    String email,
    String firstName,
    String lastName,
    String timeZone,
    Instant updatedAt) {

  /** A customer sent without the storefront's modification time: the latest call wins. */
  public CustomerUpsert(
      String id, String email, String firstName, String lastName, String timeZone) {
    this(id, email, firstName, lastName, timeZone, null);
  }
}
