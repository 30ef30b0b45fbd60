package org.loyaltygraph.security;

import static org.loyaltygraph.security.Permission.*;

import java.util.EnumSet;
import java.util.Set;

/**
 * The kinds of caller of ARCHITECTURE.md, each with what it may do. PARTNER is its key's scopes.
 */
public enum Role {
  STOREFRONT(
      EnumSet.of(
          CUSTOMERS_READ,
          CUSTOMERS_WRITE,
          CATALOG_READ,
          CATALOG_WRITE,
          ORDERS_READ,
          ORDERS_WRITE,
          POINTS_READ,
          POINTS_REDEEM,
          DISCOUNT_CODES_REDEEM,
          PROGRAM_READ,
          FEDERATION_SDL,
          ENTITIES,
          IMPORTS_READ,
          IMPORTS_WRITE)),
  CUSTOMER(EnumSet.of(SELF, PROGRAM_READ, POINTS_REDEEM, ENTITIES)),
  OWNER(
      EnumSet.of(
          CUSTOMERS_READ,
          CATALOG_READ,
          ORDERS_READ,
          POINTS_READ,
          POINTS_ADJUST,
          PROGRAM_READ,
          PROGRAM_WRITE,
          API_KEYS_MANAGE,
          ADMINS_MANAGE,
          IMPORTS_READ,
          IMPORTS_WRITE,
          WEBHOOKS_MANAGE,
          WEBHOOKS_READ)),
  MANAGER(
      EnumSet.of(
          CUSTOMERS_READ,
          CATALOG_READ,
          ORDERS_READ,
          POINTS_READ,
          POINTS_ADJUST,
          PROGRAM_READ,
          PROGRAM_WRITE,
          IMPORTS_READ,
          IMPORTS_WRITE,
          WEBHOOKS_MANAGE,
          WEBHOOKS_READ)),
  ANALYST(
      EnumSet.of(
          CUSTOMERS_READ,
          CATALOG_READ,
          ORDERS_READ,
          POINTS_READ,
          PROGRAM_READ,
          IMPORTS_READ,
          WEBHOOKS_READ)),
  PARTNER(EnumSet.noneOf(Permission.class)),
  ROUTER(EnumSet.of(FEDERATION_SDL, ENTITIES)),
  ANONYMOUS(EnumSet.noneOf(Permission.class));

  private final Set<Permission> permissions;

  Role(Set<Permission> permissions) {
    this.permissions = permissions;
  }

  public Set<Permission> permissions() {
    return permissions;
  }

  public boolean isAdmin() {
    return this == OWNER || this == MANAGER || this == ANALYST;
  }
}
