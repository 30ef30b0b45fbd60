package org.loyaltygraph.customer;

import java.time.Instant;
import java.util.Objects;
import org.loyaltygraph.graphql.StorefrontUpdatedAt;

/**
 * A shopper as the storefront sent it, keyed by the storefront's own id. {@code createdAt} and
 * {@code updatedAt} are this service's times; {@code storefrontUpdatedAt} is the storefront's own
 * modification time of the record, the newest it sent (null while it sent none).
 */
public record Customer(
    String id,
    String email,
    String firstName,
    String lastName,
    String timeZone,
    Instant createdAt,
    Instant updatedAt,
    Instant storefrontUpdatedAt) {

  /** The same profile, whenever each was stored. */
  boolean sameProfileAs(Customer other) {
    return Objects.equals(email, other.email)
        && Objects.equals(firstName, other.firstName)
        && Objects.equals(lastName, other.lastName)
        && Objects.equals(timeZone, other.timeZone);
  }

  /** Whether this stored customer is newer than the update {@code sent}, which then is stale. */
  boolean newerThan(Customer sent) {
    return StorefrontUpdatedAt.isNewer(storefrontUpdatedAt, sent.storefrontUpdatedAt);
  }

  /**
   * This stored customer after the update {@code sent}, which is not stale: its profile, {@code
   * updatedAt} moved to {@code now} only when the profile changed, and the later storefront time.
   * Equal to this customer when the update is a replay.
   */
  Customer updatedBy(Customer sent, Instant now) {
    boolean same = sameProfileAs(sent);
    return new Customer(
        id,
        sent.email,
        sent.firstName,
        sent.lastName,
        sent.timeZone,
        createdAt,
        same ? updatedAt : now,
        StorefrontUpdatedAt.latest(storefrontUpdatedAt, sent.storefrontUpdatedAt));
  }
}
