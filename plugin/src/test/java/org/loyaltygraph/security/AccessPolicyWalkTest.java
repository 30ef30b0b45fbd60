package org.loyaltygraph.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltygraph.security.AccessPolicyWalkTest.Kind.ANALYST;
import static org.loyaltygraph.security.AccessPolicyWalkTest.Kind.ANONYMOUS;
import static org.loyaltygraph.security.AccessPolicyWalkTest.Kind.CUSTOMER;
import static org.loyaltygraph.security.AccessPolicyWalkTest.Kind.MANAGER;
import static org.loyaltygraph.security.AccessPolicyWalkTest.Kind.OWNER;
import static org.loyaltygraph.security.AccessPolicyWalkTest.Kind.PARTNER;
import static org.loyaltygraph.security.AccessPolicyWalkTest.Kind.ROUTER;
import static org.loyaltygraph.security.AccessPolicyWalkTest.Kind.STOREFRONT;

import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.testing.AdminSessions;
import org.loyaltygraph.testing.GraphQLTestClient;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.loyaltygraph.testing.ShopperTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import tools.jackson.databind.JsonNode;

/**
 * Walks every root field of the running schema with every kind of caller, over HTTP, and checks
 * that exactly the callers the design names get through: the others get FORBIDDEN (or
 * UNAUTHENTICATED when anonymous) on that field. The expectation of every root field is written out
 * below, so that a wrong change to AccessPolicy or Role fails here even when it is consistent, and
 * a new root field fails here until someone writes down who may call it.
 */
@LoyaltyGraphTest
class AccessPolicyWalkTest {

  private static final Logger log = LoggerFactory.getLogger(AccessPolicyWalkTest.class);

  /** Every kind of caller of ARCHITECTURE.md; the partner holds {@code tiers:read} only. */
  enum Kind {
    ANONYMOUS,
    STOREFRONT,
    CUSTOMER,
    OWNER,
    MANAGER,
    ANALYST,
    PARTNER,
    ROUTER
  }

  /** The shopper of the walk acts for the same id the placeholders use, so own-data checks pass. */
  private static final String PLACEHOLDER_ID = "x";

  private static final Set<Kind> AUTHENTICATED = EnumSet.complementOf(EnumSet.of(ANONYMOUS));
  private static final Set<Kind> ADMINS = EnumSet.of(OWNER, MANAGER, ANALYST);
  private static final Set<Kind> PROGRAM_EDITORS = EnumSet.of(OWNER, MANAGER);
  private static final Set<Kind> PROGRAM_READERS =
      EnumSet.of(STOREFRONT, CUSTOMER, OWNER, MANAGER, ANALYST, PARTNER);

  /**
   * Every root field, written out by hand from ARCHITECTURE.md, the README and the schema's field
   * descriptions, independently of AccessPolicy and Role.
   */
  private static final Map<String, Set<Kind>> EXPECTED =
      Map.ofEntries(
          Map.entry("Query.serviceVersion", AUTHENTICATED),
          Map.entry("Mutation.noop", AUTHENTICATED),
          Map.entry("Query.customer", EnumSet.of(STOREFRONT, OWNER, MANAGER, ANALYST)),
          Map.entry("Query.me", EnumSet.of(CUSTOMER)),
          Map.entry("Mutation.customerUpsert", EnumSet.of(STOREFRONT)),
          Map.entry("Mutation.customerMerge", EnumSet.of(STOREFRONT)),
          Map.entry("Query.product", EnumSet.of(STOREFRONT, OWNER, MANAGER, ANALYST)),
          Map.entry("Mutation.productUpsert", EnumSet.of(STOREFRONT)),
          Map.entry("Query.order", EnumSet.of(STOREFRONT, OWNER, MANAGER, ANALYST)),
          Map.entry("Mutation.orderRecord", EnumSet.of(STOREFRONT)),
          Map.entry("Mutation.orderRefund", EnumSet.of(STOREFRONT)),
          Map.entry("Mutation.orderCancel", EnumSet.of(STOREFRONT)),
          Map.entry("Mutation.guestOrdersLink", EnumSet.of(STOREFRONT)),
          Map.entry("Query.rewards", PROGRAM_READERS),
          Map.entry("Query.earningRules", PROGRAM_READERS),
          Map.entry("Mutation.pointsAdjust", PROGRAM_EDITORS),
          Map.entry("Mutation.openingBalanceImport", PROGRAM_EDITORS),
          Map.entry("Mutation.pointsRedeem", EnumSet.of(STOREFRONT, CUSTOMER)),
          Map.entry("Mutation.discountCodeRedeem", EnumSet.of(STOREFRONT)),
          Map.entry("Mutation.earningRulesUpdate", PROGRAM_EDITORS),
          Map.entry("Mutation.rewardCreate", PROGRAM_EDITORS),
          Map.entry("Mutation.rewardUpdate", PROGRAM_EDITORS),
          Map.entry("Query.tiers", PROGRAM_READERS),
          Map.entry("Query.tierProgram", PROGRAM_READERS),
          Map.entry("Mutation.tierCreate", PROGRAM_EDITORS),
          Map.entry("Mutation.tierUpdate", PROGRAM_EDITORS),
          Map.entry("Mutation.tierDelete", PROGRAM_EDITORS),
          Map.entry("Mutation.tierProgramUpdate", PROGRAM_EDITORS),
          Map.entry("Query.apiKeys", EnumSet.of(OWNER)),
          Map.entry("Mutation.apiKeyCreate", EnumSet.of(OWNER)),
          Map.entry("Mutation.apiKeyRevoke", EnumSet.of(OWNER)),
          Map.entry("Mutation.adminUserCreate", EnumSet.of(OWNER)),
          Map.entry("Mutation.adminLogin", EnumSet.allOf(Kind.class)),
          Map.entry("Query.viewer", AUTHENTICATED),
          Map.entry("Query.webhookEndpoints", ADMINS),
          Map.entry("Query.webhookDeliveries", ADMINS),
          Map.entry("Mutation.webhookEndpointCreate", PROGRAM_EDITORS),
          Map.entry("Mutation.webhookEndpointDisable", PROGRAM_EDITORS),
          Map.entry("Mutation.webhookEventReplay", PROGRAM_EDITORS),
          Map.entry("Query._entities", EnumSet.of(STOREFRONT, CUSTOMER, ROUTER)),
          Map.entry("Query._service", EnumSet.of(STOREFRONT, ROUTER)),
          Map.entry("Query.importJob", EnumSet.of(STOREFRONT, OWNER, MANAGER, ANALYST)),
          Map.entry("Query.importJobs", EnumSet.of(STOREFRONT, OWNER, MANAGER, ANALYST)),
          Map.entry("Mutation.importJobCancel", EnumSet.of(STOREFRONT, OWNER, MANAGER)));

  @Autowired GraphQlSource graphQlSource;
  @Autowired GraphQLTestClient graphql;
  @Autowired AdminSessions adminSessions;
  @Autowired ApiKeyService apiKeys;
  @Autowired CallerResolver callerResolver;
  @Autowired MutableClock clock;

  @Test
  void everyRootFieldHasAPolicyEntryAndEveryPolicyEntryIsARootField() {
    Set<String> schemaFields = rootFields(graphQlSource.schema()).keySet();

    assertThat(schemaFields).contains("Query._service", "Query._entities");
    assertThat(AccessPolicy.rootFields().keySet())
        .as("AccessPolicy entries and root fields of the schema")
        .containsExactlyInAnyOrderElementsOf(schemaFields);
  }

  @Test
  void everyRootFieldHasAnExpectationWrittenOutAndEveryExpectationIsARootField() {
    Set<String> schemaFields = rootFields(graphQlSource.schema()).keySet();

    assertThat(EXPECTED.keySet())
        .as("EXPECTED entries and root fields of the schema: write down who may call a new field")
        .containsExactlyInAnyOrderElementsOf(schemaFields);
  }

  @Test
  void everyRootFieldIsGrantedToExactlyTheCallersTheDesignNames() {
    Map<String, Set<Kind>> byPolicy = new LinkedHashMap<>();
    EXPECTED.keySet().forEach(field -> byPolicy.put(field, allowedByPolicy(field)));

    assertThat(byPolicy).containsExactlyInAnyOrderEntriesOf(EXPECTED);
  }

  @Test
  void everyRootFieldAnswersEveryKindOfCallerExactlyAsTheTableSays() {
    // given one caller of each kind
    clock.set(Instant.parse("2026-03-01T12:00:00Z"));
    Map<Kind, String> headers = headers();
    headers.forEach(
        (kind, header) ->
            assertThat(callerResolver.resolve(header).role().name())
                .as("the header of %s resolves to that role", kind)
                .isEqualTo(kind.name()));
    GraphQLSchema schema = graphQlSource.schema();
    Map<String, String> documents = new LinkedHashMap<>();
    rootFields(schema).forEach((name, field) -> documents.put(name, document(schema, name, field)));

    // when each sends each root field
    Map<String, Map<Kind, Outcome>> matrix = new LinkedHashMap<>();
    List<String> mismatches = new ArrayList<>();
    // caller-major, in schema order: a caller's placeholder tierCreate is undone by its tierDelete
    for (Kind kind : Kind.values()) {
      documents.forEach(
          (name, document) -> {
            String field = name.substring(name.indexOf('.') + 1);
            var response = graphql.send(headers.get(kind), document, Map.of());
            Outcome outcome = Outcome.of(kind, field, response);
            matrix.computeIfAbsent(name, n -> new EnumMap<>(Kind.class)).put(kind, outcome);
            boolean expected = expectedAllowed(name, kind);
            if (outcome != (expected ? Outcome.ALLOWED : Outcome.DENIED)) {
              mismatches.add(
                  "%s as %s: expected %s, got %s\n  %s\n  -> %s"
                      .formatted(
                          name,
                          kind,
                          expected ? "ALLOWED" : "DENIED",
                          outcome,
                          document,
                          response.body()));
            }
          });
    }
    log.info("Access walk (Y allowed, - denied, ! neither):\n{}", render(matrix));

    // then exactly the allowed callers got through
    assertThat(mismatches).as("access walk mismatches").isEmpty();
  }

  @Test
  void theWalkTellsARefusalFromADocumentThatDoesNotValidate() {
    var invalid = graphql.storefront("query { tiers(nope: 1) { __typename } }", Map.of());
    var refused = graphql.send(null, "query { tiers { __typename } }", Map.of());

    assertThat(Outcome.of(STOREFRONT, "tiers", invalid)).isEqualTo(Outcome.BROKEN);
    assertThat(Outcome.of(ANONYMOUS, "tiers", refused)).isEqualTo(Outcome.DENIED);
    assertThat(Outcome.of(ANONYMOUS, "customer", refused)).isEqualTo(Outcome.BROKEN);
  }

  /** The table above only: a field it does not list fails rather than take the policy's answer. */
  private static boolean expectedAllowed(String field, Kind kind) {
    Set<Kind> written = EXPECTED.get(field);
    assertThat(written).as("%s is not in EXPECTED: write down who may call it", field).isNotNull();
    return written.contains(kind);
  }

  private static Set<Kind> allowedByPolicy(String field) {
    String type = field.substring(0, field.indexOf('.'));
    String name = field.substring(field.indexOf('.') + 1);
    return EnumSet.allOf(Kind.class).stream()
        .filter(kind -> AccessPolicy.allows(callerOf(kind), type, name))
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Kind.class)));
  }

  /** The callers the policy is evaluated for, built from the design rather than from requests. */
  private static Caller callerOf(Kind kind) {
    return switch (kind) {
      case ANONYMOUS -> Caller.ANONYMOUS;
      case CUSTOMER -> Caller.customer(PLACEHOLDER_ID);
      case PARTNER -> Caller.partner("partner", Set.of(Permission.PROGRAM_READ));
      default -> Caller.of(Role.valueOf(kind.name()), kind.name());
    };
  }

  private Map<Kind, String> headers() {
    Map<Kind, String> headers = new EnumMap<>(Kind.class);
    headers.put(STOREFRONT, "Bearer " + GraphQLTestClient.STOREFRONT_KEY);
    headers.put(CUSTOMER, ShopperTokens.bearerFor(PLACEHOLDER_ID, clock.instant()));
    for (Kind admin : ADMINS) {
      headers.put(admin, adminSessions.bearer(Role.valueOf(admin.name())));
    }
    headers.put(
        PARTNER,
        "Bearer "
            + apiKeys
                .issue("walk partner", Role.PARTNER, EnumSet.of(Permission.PROGRAM_READ))
                .key());
    headers.put(
        ROUTER,
        "Bearer "
            + apiKeys.issue("walk router", Role.ROUTER, EnumSet.noneOf(Permission.class)).key());
    Map<Kind, String> withAnonymous = new LinkedHashMap<>();
    withAnonymous.put(ANONYMOUS, null);
    withAnonymous.putAll(headers);
    return withAnonymous;
  }

  private static Map<String, GraphQLFieldDefinition> rootFields(GraphQLSchema schema) {
    Map<String, GraphQLFieldDefinition> fields = new LinkedHashMap<>();
    for (GraphQLObjectType root : List.of(schema.getQueryType(), schema.getMutationType())) {
      for (GraphQLFieldDefinition field : root.getFieldDefinitions()) {
        if (!field.getName().startsWith("__")) {
          fields.put(root.getName() + "." + field.getName(), field);
        }
      }
    }
    return fields;
  }

  /** A minimal valid document: required arguments with placeholders, {@code __typename} below. */
  static String document(GraphQLSchema schema, String name, GraphQLFieldDefinition field) {
    String operation = name.startsWith("Mutation.") ? "mutation" : "query";
    String arguments =
        field.getArguments().stream()
            .filter(a -> GraphQLTypeUtil.isNonNull(a.getType()) && !a.hasSetDefaultValue())
            .map(a -> a.getName() + ": " + placeholder(schema, a.getType()))
            .collect(Collectors.joining(", "));
    String selection =
        GraphQLTypeUtil.unwrapAll(field.getType()) instanceof GraphQLCompositeType
            ? " { __typename }"
            : "";
    return operation
        + " { "
        + field.getName()
        + (arguments.isEmpty() ? "" : "(" + arguments + ")")
        + selection
        + " }";
  }

  static String placeholder(GraphQLSchema schema, GraphQLInputType type) {
    if (type instanceof GraphQLNonNull nonNull) {
      return placeholder(schema, (GraphQLInputType) nonNull.getWrappedType());
    }
    if (type instanceof GraphQLList list) {
      return "[" + placeholder(schema, (GraphQLInputType) list.getWrappedType()) + "]";
    }
    if (type instanceof GraphQLEnumType enumType) {
      return enumType.getValues().get(0).getName();
    }
    if (type instanceof GraphQLInputObjectType input) {
      return input.getFieldDefinitions().stream()
          .filter(f -> GraphQLTypeUtil.isNonNull(f.getType()) && !f.hasSetDefaultValue())
          .map((GraphQLInputObjectField f) -> f.getName() + ": " + placeholder(schema, f.getType()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    String scalar = ((GraphQLScalarType) type).getName();
    return switch (scalar) {
      case "ID", "String" -> "\"" + PLACEHOLDER_ID + "\"";
      case "Int", "Long" -> "1";
      case "Float" -> "1.0";
      case "Boolean" -> "true";
      case "DateTime" -> "\"2026-01-01T00:00:00Z\"";
      case "_Any" -> entityRepresentation(schema);
      default ->
          throw new IllegalStateException(
              "No placeholder for scalar " + scalar + ": add one to AccessPolicyWalkTest");
    };
  }

  /** {@code {__typename: "Customer", id: "x"}} for the first entity type and its key fields. */
  private static String entityRepresentation(GraphQLSchema schema) {
    GraphQLUnionType entities = (GraphQLUnionType) schema.getType("_Entity");
    GraphQLObjectType entity = (GraphQLObjectType) entities.getTypes().get(0);
    GraphQLAppliedDirective key = entity.getAppliedDirective("key");
    Object keyFields = key == null ? null : key.getArgument("fields").getValue();
    String fields = keyFields == null ? "id" : keyFields.toString();
    return Arrays.stream(fields.trim().split("\\s+"))
        .map(f -> f + ": \"" + PLACEHOLDER_ID + "\"")
        .collect(Collectors.joining(", ", "{__typename: \"" + entity.getName() + "\", ", "}"));
  }

  private static String render(Map<String, Map<Kind, Outcome>> matrix) {
    int width = matrix.keySet().stream().mapToInt(String::length).max().orElse(10);
    StringBuilder out = new StringBuilder(String.format("%-" + width + "s", ""));
    for (Kind kind : Kind.values()) {
      out.append(' ').append(kind.name(), 0, 4);
    }
    matrix.forEach(
        (field, row) -> {
          out.append('\n').append(String.format("%-" + width + "s", field));
          for (Kind kind : Kind.values()) {
            out.append("    ").append(row.get(kind).symbol);
          }
        });
    return out.toString();
  }

  /** What one request showed about access. */
  enum Outcome {
    ALLOWED('Y'),
    DENIED('-'),
    /** Neither: the document did not validate, or the wrong refusal code came back. */
    BROKEN('!');

    final char symbol;

    Outcome(char symbol) {
      this.symbol = symbol;
    }

    static Outcome of(Kind kind, String field, GraphQLTestClient.Response response) {
      String expectedRefusal = kind == ANONYMOUS ? "UNAUTHENTICATED" : "FORBIDDEN";
      boolean refusedOnField = false;
      for (JsonNode error : response.errors()) {
        String code = error.at("/extensions/code").asString("");
        String classification = error.at("/extensions/classification").asString("");
        if (classification.equals("ValidationError") || classification.equals("InvalidSyntax")) {
          return BROKEN;
        }
        if (code.equals("FORBIDDEN") || code.equals("UNAUTHENTICATED")) {
          if (!code.equals(expectedRefusal) || !field.equals(error.at("/path/0").asString(""))) {
            return BROKEN;
          }
          refusedOnField = true;
        }
      }
      if (!response.json().has("data") && !refusedOnField) {
        return BROKEN; // a request error: the field never ran
      }
      return refusedOnField ? DENIED : ALLOWED;
    }
  }
}
