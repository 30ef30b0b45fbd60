package org.loyaltygraph.customer;

import java.time.Instant;

/** A shopper as the storefront sent it, keyed by the storefront's own id. */
public record Customer(
    String id,
    String email,
    String firstName,
    String lastName,
    String timeZone,
    Instant createdAt,
    Instant updatedAt) {}
