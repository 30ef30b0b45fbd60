package org.loyaltygraph.security;

import static org.loyaltygraph.security.Permission.*;

import java.util.Map;
import java.util.Optional;

/**
 * Who may call each root field, in one table a reviewer can read. A root field that is not listed
 * here is denied to everyone: adding a field to the schema without a line here makes it unusable,
 * and {@code AccessPolicyTest} walks the whole schema to keep the two in step.
 *
 * <p>Per-customer checks (a CUSTOMER token acting for itself only) are made by the fetchers, with
 * {@link Caller#mayActFor(String)}.
 */
public final class AccessPolicy {

  private static final Map<String, Permission> ROOT_FIELDS =
      Map.ofEntries(
          // common
          Map.entry("Query.serviceVersion", PROGRAM_READ),
          Map.entry("Mutation.noop", PROGRAM_READ),
          // customer
          Map.entry("Query.customer", CUSTOMERS_READ),
          Map.entry("Mutation.customerUpsert", CUSTOMERS_WRITE),
          // federation
          Map.entry("Query._service", FEDERATION),
          Map.entry("Query._entities", FEDERATION));

  private AccessPolicy() {}

  /** The permission a root field requires, or empty when the field is denied to everyone. */
  public static Optional<Permission> required(String parentType, String field) {
    return Optional.ofNullable(ROOT_FIELDS.get(parentType + "." + field));
  }

  public static boolean allows(Caller caller, String parentType, String field) {
    return required(parentType, field).map(caller::may).orElse(false);
  }

  public static Map<String, Permission> rootFields() {
    return ROOT_FIELDS;
  }
}
