package org.loyaltygraph.security;

import static org.loyaltygraph.security.Permission.*;

import java.util.Map;
import java.util.Optional;

/**
 * Who may call each root field, in one table a reviewer can read. A root field that is not listed
 * here is denied to everyone: adding a field to the schema without a line here makes it unusable,
 * and {@code AccessPolicyWalkTest} walks the whole schema to keep the two in step.
 *
 * <p>Per-customer checks (a CUSTOMER token acting for itself only) are made by the fetchers, with
 * {@link Caller#mayActFor(String)}.
 */
public final class AccessPolicy {

  private static final Map<String, Permission> ROOT_FIELDS =
      Map.ofEntries(
          // common
          Map.entry("Query.serviceVersion", AUTHENTICATED),
          Map.entry("Mutation.noop", AUTHENTICATED),
          // customer
          Map.entry("Query.customer", CUSTOMERS_READ),
          Map.entry("Query.me", SELF),
          Map.entry("Mutation.customerUpsert", CUSTOMERS_WRITE),
          Map.entry("Mutation.customerMerge", CUSTOMERS_WRITE),
          // catalog
          Map.entry("Query.product", CATALOG_READ),
          Map.entry("Mutation.productUpsert", CATALOG_WRITE),
          // order
          Map.entry("Query.order", ORDERS_READ),
          Map.entry("Mutation.orderRecord", ORDERS_WRITE),
          Map.entry("Mutation.orderRefund", ORDERS_WRITE),
          Map.entry("Mutation.orderCancel", ORDERS_WRITE),
          Map.entry("Mutation.guestOrdersLink", ORDERS_WRITE),
          // points
          Map.entry("Query.rewards", PROGRAM_READ),
          Map.entry("Query.earningRules", PROGRAM_READ),
          Map.entry("Mutation.pointsRedeem", POINTS_REDEEM),
          Map.entry("Mutation.discountCodeRedeem", DISCOUNT_CODES_REDEEM),
          Map.entry("Mutation.pointsAdjust", POINTS_ADJUST),
          Map.entry("Mutation.openingBalanceImport", POINTS_ADJUST),
          Map.entry("Mutation.rewardCreate", PROGRAM_WRITE),
          Map.entry("Mutation.rewardUpdate", PROGRAM_WRITE),
          Map.entry("Mutation.earningRulesUpdate", PROGRAM_WRITE),
          // tier
          Map.entry("Query.tiers", PROGRAM_READ),
          Map.entry("Query.tierProgram", PROGRAM_READ),
          Map.entry("Mutation.tierCreate", PROGRAM_WRITE),
          Map.entry("Mutation.tierUpdate", PROGRAM_WRITE),
          Map.entry("Mutation.tierDelete", PROGRAM_WRITE),
          Map.entry("Mutation.tierProgramUpdate", PROGRAM_WRITE),
          // security
          Map.entry("Query.viewer", AUTHENTICATED),
          Map.entry("Query.apiKeys", API_KEYS_MANAGE),
          Map.entry("Mutation.adminLogin", ANYONE),
          Map.entry("Mutation.adminUserCreate", ADMINS_MANAGE),
          Map.entry("Mutation.apiKeyCreate", API_KEYS_MANAGE),
          Map.entry("Mutation.apiKeyRevoke", API_KEYS_MANAGE),
          // bulk import (the upload, POST /imports, needs what the matching mutation needs)
          Map.entry("Query.importJob", IMPORTS_READ),
          Map.entry("Query.importJobs", IMPORTS_READ),
          Map.entry("Mutation.importJobCancel", IMPORTS_WRITE),
          // event (webhooks)
          Map.entry("Query.webhookEndpoints", WEBHOOKS_READ),
          Map.entry("Query.webhookDeliveries", WEBHOOKS_READ),
          Map.entry("Mutation.webhookEndpointCreate", WEBHOOKS_MANAGE),
          Map.entry("Mutation.webhookEndpointDisable", WEBHOOKS_MANAGE),
          Map.entry("Mutation.webhookEventReplay", WEBHOOKS_MANAGE),
          // federation
          Map.entry("Query._service", FEDERATION_SDL),
          Map.entry("Query._entities", ENTITIES));

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
