package org.loyaltygraph.schema.compatibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule of the check on a small published / current pair of schemas. */
class BreakingChangesTest {

  private static List<String> breaks(String published, String current) {
    return BreakingChanges.between(MergedSchema.parse(published), MergedSchema.parse(current));
  }

  @Test
  void removedTypeBreaks() {
    assertEquals(
        List.of("Type Reward removed", "Type Long removed"),
        breaks(
            "type Query { a: Int } type Reward { id: ID! } scalar Long", "type Query { a: Int }"));
  }

  @Test
  void typeOfAnotherKindBreaks() {
    assertEquals(
        List.of("Type Reward changed from object to interface"),
        breaks(
            "type Query { r: Reward } type Reward { id: ID! }",
            "type Query { r: Reward } interface Reward { id: ID! }"));
  }

  @Test
  void removedFieldBreaks() {
    assertEquals(
        List.of("Field Customer.loyalty removed"),
        breaks(
            "type Customer { id: ID! loyalty: Int } interface Node { id: ID! }",
            "type Customer { id: ID! } interface Node { id: ID! }"));
  }

  @Test
  void removedInterfaceFieldBreaks() {
    assertEquals(
        List.of("Field Node.id removed"),
        breaks("interface Node { id: ID! name: String }", "interface Node { name: String }"));
  }

  @Test
  void removedEnumValueBreaks() {
    assertEquals(
        List.of("Enum value TierStatus.FROZEN removed"),
        breaks("enum TierStatus { ACTIVE FROZEN }", "enum TierStatus { ACTIVE }"));
  }

  @Test
  void removedArgumentBreaks() {
    assertEquals(
        List.of("Argument Query.rewards(affordableOnly:) removed"),
        breaks(
            "type Query { rewards(affordableOnly: Boolean = false): [Int] }",
            "type Query { rewards: [Int] }"));
  }

  @Test
  void removedInputFieldBreaks() {
    assertEquals(
        List.of("Input field OrderInput.currency removed"),
        breaks("input OrderInput { id: ID! currency: String }", "input OrderInput { id: ID! }"));
  }

  @Test
  void outputFieldMayBecomeNonNullButNeverNullable() {
    assertEquals(
        List.of(),
        breaks(
            "type T { a: String b: [String] c: [String]! }",
            "type T { a: String! b: [String!]! c: [String!]! }"));
    assertEquals(
        List.of(
            "Field T.a changed type from String! to String",
            "Field T.b changed type from [String!] to [String]",
            "Field T.c changed type from [String]! to [String]"),
        breaks(
            "type T { a: String! b: [String!] c: [String]! }",
            "type T { a: String b: [String] c: [String] }"));
  }

  @Test
  void outputFieldOfAnotherTypeOrShapeBreaks() {
    assertEquals(
        List.of(
            "Field T.a changed type from String to Int",
            "Field T.b changed type from [String] to String",
            "Field T.c changed type from String to [String]",
            "Field T.d changed type from [[Int]] to [Int]"),
        breaks(
            "type T { a: String b: [String] c: String d: [[Int]] }",
            "type T { a: Int b: String c: [String] d: [Int] }"));
  }

  @Test
  void argumentMayBecomeNullableButNeverNonNull() {
    assertEquals(
        List.of(),
        breaks(
            "type Query { a(x: ID!): Int b(x: [ID!]!): Int }",
            "type Query { a(x: ID): Int b(x: [ID]): Int }"));
    assertEquals(
        List.of(
            "Argument Query.a(x:) changed type from ID to ID!",
            "Argument Query.b(x:) changed type from [ID] to [ID!]",
            "Argument Query.c(x:) changed type from ID to Int"),
        breaks(
            "type Query { a(x: ID): Int b(x: [ID]): Int c(x: ID): Int }",
            "type Query { a(x: ID!): Int b(x: [ID!]): Int c(x: Int): Int }"));
  }

  @Test
  void inputFieldMayBecomeNullableButNeverNonNull() {
    assertEquals(
        List.of(), breaks("input I { a: Int! b: [String!]! }", "input I { a: Int b: [String] }"));
    assertEquals(
        List.of(
            "Input field I.a changed type from Int to Int!",
            "Input field I.b changed type from [String] to String"),
        breaks("input I { a: Int b: [String] }", "input I { a: Int! b: String }"));
  }

  @Test
  void newRequiredArgumentBreaksButOptionalOrDefaultedOnesDoNot() {
    assertEquals(
        List.of("Argument Query.rewards(first:) added as required"),
        breaks(
            "type Query { rewards: [Int] }",
            "type Query { rewards(first: Int!, after: String, includeInactive: Boolean! = false):"
                + " [Int] }"));
  }

  @Test
  void newRequiredInputFieldBreaksButOptionalOrDefaultedOnesDoNot() {
    assertEquals(
        List.of("Input field OrderInput.currency added as required"),
        breaks(
            "input OrderInput { id: ID! }",
            "input OrderInput { id: ID! currency: String! note: String channel: String! = \"web\""
                + " }"));
  }

  @Test
  void nonNullArgumentOrInputFieldLosingItsDefaultBreaks() {
    assertEquals(
        List.of(
            "Argument Query.rewards(first:) lost its default value and is now required",
            "Input field I.size lost its default value and is now required"),
        breaks(
            "type Query { rewards(first: Int! = 10): [Int] } input I { size: Int! = 1 }",
            "type Query { rewards(first: Int!): [Int] } input I { size: Int! }"));
  }

  @Test
  void aNewValueOfAnEnumThatResponsesHoldIsDangerous() {
    String types =
        """
        type Query { customers(status: Status): [Customer] node: Node activity: [Activity!]! }
        type Customer { status: Status! }
        interface Node { id: ID! }
        type Order implements Node { id: ID! kind: Kind }
        union Activity = Refund
        type Refund { reasons: [Reason!] }
        type Entity @key(fields: "id") { id: ID! code: ErrorCode }
        """;
    assertEquals(
        List.of(
            "Enum value Status.FROZEN added to an output enum",
            "Enum value Kind.B added to an output enum",
            "Enum value Reason.Y added to an output enum",
            "Enum value ErrorCode.E2 added to an output enum"),
        breaks(
            types
                + "enum Status { ACTIVE } enum Kind { A } enum Reason { X } enum ErrorCode { E1 }",
            types
                + "enum Status { ACTIVE FROZEN } enum Kind { A B } enum Reason { X Y }"
                + " enum ErrorCode { E1 E2 }"));
  }

  @Test
  void aNewValueOfAnEnumUsedOnlyInArgumentsAndInputsIsSafe() {
    String types =
        """
        type Query { rewards(sort: Sort): [Int] }
        type Mutation { tierUpdate(input: TierInput!): Int }
        input TierInput { basis: Basis }
        """;
    assertEquals(
        List.of(),
        breaks(
            types + "enum Sort { COST } enum Basis { SPEND }",
            types + "enum Sort { COST NAME } enum Basis { SPEND POINTS }"));
  }

  @Test
  void interfaceNoLongerImplementedBreaks() {
    assertEquals(
        List.of("Type Reward no longer implements Node"),
        breaks(
            "interface Node { id: ID! } type Reward implements Node { id: ID! }",
            "interface Node { id: ID! } type Reward { id: ID! }"));
  }

  @Test
  void unionMemberRemovedBreaks() {
    assertEquals(
        List.of("Union Activity no longer includes Refund"),
        breaks(
            "type Order { id: ID } type Refund { id: ID } union Activity = Order | Refund",
            "type Order { id: ID } type Refund { id: ID } union Activity = Order"));
  }

  @Test
  void removedDirectiveOrOneOfItsPowersBreaks() {
    assertEquals(
        List.of(
            "Directive @cost removed",
            "Directive @tag no longer allowed on FIELD_DEFINITION",
            "Directive @tag no longer repeatable",
            "Argument @tag(name:) removed",
            "Argument @tag(color:) added as required"),
        breaks(
            "directive @cost(weight: Int) on FIELD_DEFINITION"
                + " directive @tag(name: String) repeatable on OBJECT | FIELD_DEFINITION",
            "directive @tag(color: String!) on OBJECT"));
  }

  @Test
  void removedOrChangedAppliedDirectiveBreaksExceptADeprecation() {
    assertEquals(
        List.of(
            "Directive @link(url: \"https://specs.apollo.dev/federation/v2.3\") removed from the"
                + " schema",
            "Directive @key(fields: \"id\") removed from Customer",
            "Directive @shareable removed from Customer.name"),
        breaks(
            "extend schema @link(url: \"https://specs.apollo.dev/federation/v2.3\")"
                + " type Customer @key(fields: \"id\") { id: ID! name: String @shareable"
                + " old: String @deprecated(reason: \"use name\") }",
            "type Customer @key(fields: \"email\") { id: ID! name: String old: String }"));
  }

  @Test
  void additionsBreakNothing() {
    assertEquals(
        List.of(),
        breaks(
            """
            directive @tag(name: String) on OBJECT
            type Query { customer(id: ID!): Customer }
            type Customer { id: ID! }
            enum Status { ACTIVE }
            input CustomerInput { id: ID! }
            union Activity = Customer
            """,
            """
            extend schema @link(url: "https://specs.apollo.dev/federation/v2.3")
            directive @tag(name: String, color: String) repeatable on OBJECT | FIELD_DEFINITION
            directive @cost(weight: Int) on FIELD_DEFINITION
            type Query { customer(id: ID, includeMerged: Boolean = false): Customer me: Customer }
            interface Node { id: ID! }
            type Customer implements Node @key(fields: "id") {
              id: ID!
              loyalty: Int @deprecated(reason: "added deprecated, still an addition")
            }
            type Order { id: ID! }
            enum Status { ACTIVE FROZEN }
            input CustomerInput { id: ID! email: String tier: String! = "Bronze" }
            union Activity = Customer | Order
            scalar Long
            """));
  }

  @Test
  void aTypeIsItselfWithEveryExtensionFoldedIn() {
    String published =
        "type Query { a: Int } extend type Query { customer: Int points: Int }"
            + " enum E { A } extend enum E { B }";
    assertEquals(
        List.of(),
        breaks(published, "type Query { a: Int customer: Int points: Int } enum E { A B }"));
    assertEquals(
        List.of("Field Query.points removed", "Enum value E.B removed"),
        breaks(
            published, "type Query { a: Int } extend type Query { customer: Int } enum E { A }"));
  }

  @Test
  void everyBreakIsListedOnItsOwnLine() {
    assertEquals(
        List.of(
            "Field Customer.loyalty removed",
            "Field Customer.email changed type from String! to String",
            "Argument Customer.orders(first:) added as required",
            "Type Order removed"),
        breaks(
            "type Customer { id: ID! loyalty: Int email: String! orders: [Int] } type Order { id:"
                + " ID }",
            "type Customer { id: ID! email: String orders(first: Int!): [Int] }"));
  }

  @Test
  void anAcceptedBreakPassesWhenItGivesAReason() {
    AcceptedBreaks accepted =
        AcceptedBreaks.parse(
            """
            # deliberate
            Field Customer.loyalty removed | replaced by Customer.rewards, partners told 2026-11-20
            Type Order removed | typo: nothing removes it
            """);
    List<String> breaks = List.of("Field Customer.loyalty removed", "Type Reward removed");

    assertEquals(List.of("Type Reward removed"), accepted.unaccepted(breaks));
    assertEquals(List.of("Type Order removed"), accepted.stale(breaks));
  }

  @Test
  void anAcceptedBreakWithoutAReasonIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> AcceptedBreaks.parse("Field Customer.loyalty removed"));
    assertThrows(
        IllegalArgumentException.class,
        () -> AcceptedBreaks.parse("Field Customer.loyalty removed |   "));
  }

  @Test
  void thePrintedSchemaReadsBackAsItself() {
    String sdl =
        """
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
        "A tag." directive @tag(name: String = "x") repeatable on OBJECT | FIELD_DEFINITION
        \"""
        The root.
        With "quotes" and two lines.
        \"""
        type Query {
          "Path, e.g. `[\\"input\\"]`."
          customer(id: ID!, first: Int = 10): Customer @deprecated(reason: "use me")
          ledger("Entries per page." first: Int!, after: String): [Int!]!
        }
        type Customer @key(fields: "id") { id: ID! }
        extend type Customer { points: Int }
        interface Node { id: ID! }
        union U = Customer
        enum E { "one" A B @deprecated }
        input I { a: [Int!]! = [1, 2] b: String }
        scalar Long
        """;
    String printed = MergedSchema.parse(sdl).print();

    assertEquals(printed, MergedSchema.parse(printed).print());
    assertEquals(List.of(), breaks(sdl, printed));
    assertEquals(List.of(), breaks(printed, sdl));
  }
}
