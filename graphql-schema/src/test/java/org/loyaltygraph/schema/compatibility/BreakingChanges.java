package org.loyaltygraph.schema.compatibility;

import graphql.language.AstPrinter;
import graphql.language.Directive;
import graphql.language.DirectiveDefinition;
import graphql.language.DirectiveLocation;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.ImplementingTypeDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ListType;
import graphql.language.NamedNode;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a new schema breaks for clients of the published one, one line per break, e.g. "Field
 * Customer.loyalty removed". Additions never break. The rules, for a client that was valid against
 * the published schema:
 *
 * <ul>
 *   <li>nothing it can name may disappear: types, fields, arguments, input fields, enum values,
 *       interfaces a type implements, union members, directives;
 *   <li>an output field may only become stricter (nullable to non-null): the client reads at least
 *       what it read before;
 *   <li>an argument or input field may only become looser (non-null to nullable): whatever the
 *       client sent is still accepted. So it may not become non-null, lose its default while
 *       non-null, or be added as non-null without a default;
 *   <li>every other type change (another named type, a list where there was none) breaks.
 * </ul>
 *
 * Applied directives count too (removing {@code @key} from an entity breaks the router), except
 * {@code @deprecated}: dropping a deprecation takes nothing away.
 *
 * <p>One addition is listed too, as dangerous rather than breaking: a new value of an enum that a
 * response can hold ({@link OutputTypes}), which a client's exhaustive switch does not handle. A
 * new value of an enum used only in arguments and input fields is safe: clients only send those.
 */
final class BreakingChanges {

  private final List<String> breaks = new ArrayList<>();
  private final Set<String> outputEnums;

  private BreakingChanges(Set<String> outputEnums) {
    this.outputEnums = outputEnums;
  }

  static List<String> between(MergedSchema published, MergedSchema current) {
    BreakingChanges changes = new BreakingChanges(OutputTypes.enums(current));
    changes.compareAppliedDirectives(
        "the schema", published.schemaDirectives(), current.schemaDirectives());
    published
        .directives()
        .forEach(
            (name, old) -> {
              DirectiveDefinition now = current.directives().get(name);
              if (now == null) {
                changes.add("Directive @" + name + " removed");
              } else {
                changes.compareDirectiveDefinitions(old, now);
              }
            });
    published
        .types()
        .forEach(
            (name, old) -> {
              TypeDefinition<?> now = current.types().get(name);
              if (now == null) {
                changes.add("Type " + name + " removed");
              } else {
                changes.compareTypes(old, now);
              }
            });
    return List.copyOf(changes.breaks);
  }

  private void compareTypes(TypeDefinition<?> old, TypeDefinition<?> now) {
    String name = old.getName();
    if (!kind(old).equals(kind(now))) {
      add("Type " + name + " changed from " + kind(old) + " to " + kind(now));
      return;
    }
    compareAppliedDirectives(name, old.getDirectives(), now.getDirectives());
    if (old instanceof ImplementingTypeDefinition<?> oldType) {
      var nowType = (ImplementingTypeDefinition<?>) now;
      for (String face : missing(typeNames(oldType.getImplements()), nowType.getImplements())) {
        add("Type " + name + " no longer implements " + face);
      }
      compareFields(name, oldType.getFieldDefinitions(), nowType.getFieldDefinitions());
    } else if (old instanceof UnionTypeDefinition oldUnion) {
      var nowUnion = (UnionTypeDefinition) now;
      for (String member :
          missing(typeNames(oldUnion.getMemberTypes()), nowUnion.getMemberTypes())) {
        add("Union " + name + " no longer includes " + member);
      }
    } else if (old instanceof EnumTypeDefinition oldEnum) {
      Map<String, EnumValueDefinition> nowValues =
          byName(((EnumTypeDefinition) now).getEnumValueDefinitions());
      for (EnumValueDefinition value : oldEnum.getEnumValueDefinitions()) {
        EnumValueDefinition nowValue = nowValues.get(value.getName());
        String where = name + "." + value.getName();
        if (nowValue == null) {
          add("Enum value " + where + " removed");
        } else {
          compareAppliedDirectives(where, value.getDirectives(), nowValue.getDirectives());
        }
      }
      if (outputEnums.contains(name)) {
        Set<String> oldValues = byName(oldEnum.getEnumValueDefinitions()).keySet();
        for (String value : nowValues.keySet()) {
          if (!oldValues.contains(value)) {
            add("Enum value " + name + "." + value + " added to an output enum");
          }
        }
      }
    } else if (old instanceof InputObjectTypeDefinition oldInput) {
      compareInputValues(
          "Input field",
          field -> name + "." + field,
          oldInput.getInputValueDefinitions(),
          ((InputObjectTypeDefinition) now).getInputValueDefinitions());
    }
  }

  private void compareFields(String type, List<FieldDefinition> old, List<FieldDefinition> now) {
    Map<String, FieldDefinition> nowFields = byName(now);
    for (FieldDefinition field : old) {
      String where = type + "." + field.getName();
      FieldDefinition nowField = nowFields.get(field.getName());
      if (nowField == null) {
        add("Field " + where + " removed");
        continue;
      }
      if (!outputAccepts(field.getType(), nowField.getType())) {
        add(
            "Field "
                + where
                + " changed type from "
                + print(field.getType())
                + " to "
                + print(nowField.getType()));
      }
      compareAppliedDirectives(where, field.getDirectives(), nowField.getDirectives());
      compareInputValues(
          "Argument",
          argument -> where + "(" + argument + ":)",
          field.getInputValueDefinitions(),
          nowField.getInputValueDefinitions());
    }
  }

  /**
   * Arguments of a field or directive, or fields of an input type: {@code what} is "Argument" or
   * "Input field", {@code where} turns a name into its place, e.g. "Query.customer(id:)".
   */
  private void compareInputValues(
      String what,
      Function<String, String> where,
      List<InputValueDefinition> old,
      List<InputValueDefinition> now) {
    Map<String, InputValueDefinition> nowValues = byName(now);
    for (InputValueDefinition value : old) {
      String place = where.apply(value.getName());
      InputValueDefinition nowValue = nowValues.get(value.getName());
      if (nowValue == null) {
        add(what + " " + place + " removed");
      } else if (!inputAccepts(value.getType(), nowValue.getType())) {
        add(
            what
                + " "
                + place
                + " changed type from "
                + print(value.getType())
                + " to "
                + print(nowValue.getType()));
      } else if (isRequired(nowValue) && !isRequired(value)) {
        add(what + " " + place + " lost its default value and is now required");
      }
      if (nowValue != null) {
        compareAppliedDirectives(place, value.getDirectives(), nowValue.getDirectives());
      }
    }
    Set<String> oldNames = byName(old).keySet();
    for (InputValueDefinition value : now) {
      if (!oldNames.contains(value.getName()) && isRequired(value)) {
        add(what + " " + where.apply(value.getName()) + " added as required");
      }
    }
  }

  private void compareDirectiveDefinitions(DirectiveDefinition old, DirectiveDefinition now) {
    String name = "@" + old.getName();
    Set<String> nowLocations =
        now.getDirectiveLocations().stream()
            .map(DirectiveLocation::getName)
            .collect(Collectors.toSet());
    for (DirectiveLocation location : old.getDirectiveLocations()) {
      if (!nowLocations.contains(location.getName())) {
        add("Directive " + name + " no longer allowed on " + location.getName());
      }
    }
    if (old.isRepeatable() && !now.isRepeatable()) {
      add("Directive " + name + " no longer repeatable");
    }
    compareInputValues(
        "Argument",
        argument -> name + "(" + argument + ":)",
        old.getInputValueDefinitions(),
        now.getInputValueDefinitions());
  }

  private void compareAppliedDirectives(String where, List<Directive> old, List<Directive> now) {
    Set<String> nowDirectives =
        now.stream().map(BreakingChanges::print).collect(Collectors.toSet());
    for (Directive directive : old) {
      String printed = print(directive);
      if (!directive.getName().equals("deprecated") && !nowDirectives.contains(printed)) {
        add("Directive " + printed + " removed from " + where);
      }
    }
  }

  /**
   * True when every value a client reads from a field of type {@code old} it can still read from
   * one of type {@code now}: the same shape, where {@code now} may be non-null where {@code old}
   * was nullable.
   */
  static boolean outputAccepts(Type<?> old, Type<?> now) {
    if (now instanceof NonNullType nowNonNull) {
      return outputAccepts(unwrapNonNull(old), nowNonNull.getType());
    }
    if (old instanceof NonNullType) {
      return false;
    }
    return sameShape(old, now, BreakingChanges::outputAccepts);
  }

  /**
   * True when every value a client sends for an argument or input field of type {@code old} is
   * still accepted for type {@code now}: the same shape, where {@code now} may be nullable where
   * {@code old} was non-null.
   */
  static boolean inputAccepts(Type<?> old, Type<?> now) {
    if (now instanceof NonNullType nowNonNull) {
      return old instanceof NonNullType oldNonNull
          && inputAccepts(oldNonNull.getType(), nowNonNull.getType());
    }
    return sameShape(unwrapNonNull(old), now, BreakingChanges::inputAccepts);
  }

  private interface TypeRule {
    boolean accepts(Type<?> old, Type<?> now);
  }

  /** Nullable {@code old} and {@code now}: both lists of accepted items, or the same named type. */
  private static boolean sameShape(Type<?> old, Type<?> now, TypeRule items) {
    if (old instanceof ListType oldList && now instanceof ListType nowList) {
      return items.accepts(oldList.getType(), nowList.getType());
    }
    return old instanceof TypeName oldName
        && now instanceof TypeName nowName
        && oldName.getName().equals(nowName.getName());
  }

  private static Type<?> unwrapNonNull(Type<?> type) {
    return type instanceof NonNullType nonNull ? nonNull.getType() : type;
  }

  /** Non-null without a default: a client must send it. */
  private static boolean isRequired(InputValueDefinition value) {
    return value.getType() instanceof NonNullType && value.getDefaultValue() == null;
  }

  private static String kind(TypeDefinition<?> type) {
    if (type instanceof ObjectTypeDefinition) {
      return "object";
    }
    if (type instanceof InterfaceTypeDefinition) {
      return "interface";
    }
    if (type instanceof UnionTypeDefinition) {
      return "union";
    }
    if (type instanceof EnumTypeDefinition) {
      return "enum";
    }
    if (type instanceof InputObjectTypeDefinition) {
      return "input object";
    }
    if (type instanceof ScalarTypeDefinition) {
      return "scalar";
    }
    return type.getClass().getSimpleName();
  }

  private static List<String> typeNames(List<Type> types) {
    return types.stream().map(BreakingChanges::print).toList();
  }

  private static List<String> missing(List<String> old, List<Type> now) {
    List<String> nowNames = typeNames(now);
    return old.stream().filter(name -> !nowNames.contains(name)).toList();
  }

  private static <T extends NamedNode<?>> Map<String, T> byName(List<T> nodes) {
    Map<String, T> byName = new LinkedHashMap<>();
    nodes.forEach(node -> byName.put(node.getName(), node));
    return byName;
  }

  /** One line, e.g. {@code [String!]!} or {@code @key(fields: "id")}. */
  private static String print(graphql.language.Node<?> node) {
    return AstPrinter.printAst(node).strip();
  }

  private void add(String line) {
    breaks.add(line);
  }
}
