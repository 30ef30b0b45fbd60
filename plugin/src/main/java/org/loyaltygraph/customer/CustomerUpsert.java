package org.loyaltygraph.customer;

/** What the storefront sends to create or update a customer. */
public record CustomerUpsert(
    String id, String email, String firstName, String lastName, String timeZone) {}
