package org.loyaltygraph.schema.compatibility;

import graphql.language.Directive;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.ImplementingTypeDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The types a response can hold: everything reachable from the root operation types (named Query,
 * Mutation and Subscription, as in our schema files) and from the federation entities ({@code @key}
 * types, which the router fetches through {@code _entities}), through field types, union members
 * and the implementations of an interface. Argument and input field types are not followed: a type
 * used only there is only ever sent by clients.
 */
final class OutputTypes {

  private static final List<String> ROOTS = List.of("Query", "Mutation", "Subscription");

  private OutputTypes() {}

  /** The names of the enums a response can hold. */
  static Set<String> enums(MergedSchema schema) {
    Set<String> enums = new LinkedHashSet<>();
    for (String name : reachable(schema)) {
      if (schema.types().get(name) instanceof EnumTypeDefinition) {
        enums.add(name);
      }
    }
    return enums;
  }

  private static Set<String> reachable(MergedSchema schema) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> next = new ArrayDeque<>();
    ROOTS.forEach(next::add);
    schema.types().values().stream()
        .filter(
            type -> type.getDirectives().stream().map(Directive::getName).anyMatch("key"::equals))
        .forEach(type -> next.add(type.getName()));
    while (!next.isEmpty()) {
      String name = next.poll();
      TypeDefinition<?> type = schema.types().get(name);
      if (type == null || !seen.add(name)) {
        continue; // a built-in scalar, a root the schema does not declare, or done already
      }
      if (type instanceof ImplementingTypeDefinition<?> object) {
        for (FieldDefinition field : object.getFieldDefinitions()) {
          next.add(namedType(field.getType()));
        }
        // a field of an interface type may answer any type that implements it
        schema.types().values().stream()
            .filter(other -> implementsType(other, name))
            .forEach(other -> next.add(other.getName()));
      } else if (type instanceof UnionTypeDefinition union) {
        union.getMemberTypes().forEach(member -> next.add(namedType(member)));
      }
    }
    return seen;
  }

  private static boolean implementsType(TypeDefinition<?> type, String face) {
    return type instanceof ImplementingTypeDefinition<?> implementing
        && implementing.getImplements().stream().anyMatch(t -> namedType(t).equals(face));
  }

  private static String namedType(Type<?> type) {
    if (type instanceof NonNullType nonNull) {
      return namedType(nonNull.getType());
    }
    if (type instanceof ListType list) {
      return namedType(list.getType());
    }
    return ((TypeName) type).getName();
  }
}
