package org.loyaltygraph.security;

/**
 * What a caller may do. Roles and partner scopes are sets of these; every root field of the schema
 * requires one (see {@link AccessPolicy}). The scope names are what partner keys carry.
 */
public enum Permission {
  /** Held by every caller, even anonymous: only {@code adminLogin} asks for it. */
  ANYONE("anyone"),
  /** Held by every authenticated caller. */
  AUTHENTICATED("authenticated"),
  CUSTOMERS_READ("customers:read"),
  CUSTOMERS_WRITE("customers:write"),
  CATALOG_READ("catalog:read"),
  CATALOG_WRITE("catalog:write"),
  ORDERS_READ("orders:read"),
  ORDERS_WRITE("orders:write"),
  POINTS_READ("points:read"),
  POINTS_REDEEM("points:redeem"),
  POINTS_ADJUST("points:write"),
  DISCOUNT_CODES_REDEEM("codes:redeem"),
  PROGRAM_READ("tiers:read"),
  PROGRAM_WRITE("program:write"),
  API_KEYS_MANAGE("keys:manage"),
  ADMINS_MANAGE("admins:manage"),
  /** Bulk import jobs: their progress and errors. */
  IMPORTS_READ("imports:read"),
  /** Bulk import jobs: cancel one. */
  IMPORTS_WRITE("imports:write"),
  /** Webhook endpoints and their deliveries: create, disable, replay. */
  WEBHOOKS_MANAGE("webhooks:manage"),
  /** Reading webhook endpoints (never their secrets) and deliveries. */
  WEBHOOKS_READ("webhooks:read"),
  /** A shopper's own loyalty, through {@code me}. Only a CUSTOMER token carries it. */
  SELF("self"),
  /** {@code _service}: the subgraph's SDL, for a federation router. */
  FEDERATION_SDL("federation:sdl"),
  /** {@code _entities}: a CUSTOMER token reaches its own entity only. */
  ENTITIES("federation:entities");

  private final String scope;

  Permission(String scope) {
    this.scope = scope;
  }

  public String scope() {
    return scope;
  }

  public static Permission fromScope(String scope) {
    for (Permission p : values()) {
      if (p.scope.equals(scope)) {
        return p;
      }
    }
    throw new IllegalArgumentException("Unknown scope: " + scope);
  }
}
