package org.loyaltygraph.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who sent the request. {@code principal} is the key id, the admin's e-mail or the customer id;
 * {@code customerId} is set for CUSTOMER callers only, and such a caller sees that customer alone.
 */
public record Caller(Role role, String principal, String customerId, Set<Permission> permissions) {

  public static final Caller ANONYMOUS =
      new Caller(Role.ANONYMOUS, "anonymous", null, EnumSet.noneOf(Permission.class));

  public static Caller of(Role role, String principal) {
    return new Caller(role, principal, null, role.permissions());
  }

  public static Caller customer(String customerId) {
    return new Caller(Role.CUSTOMER, customerId, customerId, Role.CUSTOMER.permissions());
  }

  public static Caller partner(String keyId, Set<Permission> scopes) {
    return new Caller(Role.PARTNER, keyId, null, Set.copyOf(scopes));
  }

  public boolean may(Permission permission) {
    return switch (permission) {
      case ANYONE -> true;
      case AUTHENTICATED -> isAuthenticated();
      default -> permissions.contains(permission);
    };
  }

  public boolean isAuthenticated() {
    return role != Role.ANONYMOUS;
  }

  /** True when this caller may act for the given customer: its own, or any for trusted roles. */
  public boolean mayActFor(String otherCustomerId) {
    return role != Role.CUSTOMER || (customerId != null && customerId.equals(otherCustomerId));
  }
}
