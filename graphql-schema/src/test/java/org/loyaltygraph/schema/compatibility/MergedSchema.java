package org.loyaltygraph.schema.compatibility;

import graphql.language.Directive;
import graphql.language.DirectiveDefinition;
import graphql.language.EnumTypeDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.TypeDefinition;
import graphql.language.UnionTypeDefinition;
import graphql.schema.idl.ScalarInfo;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A schema as partners see it: every type with its extensions folded in (so it does not matter
 * which file declares a field, or whether it sits in an {@code extend type}), the declared
 * directives and the directives applied to the schema itself (Federation's {@code @link}).
 */
record MergedSchema(
    Map<String, TypeDefinition<?>> types,
    Map<String, DirectiveDefinition> directives,
    List<Directive> schemaDirectives) {

  /** Parses SDL text, e.g. the published baseline or a test's schema. */
  static MergedSchema parse(String sdl) {
    return of(new SchemaParser().parse(sdl));
  }

  /** Reads the given .graphqls files as one schema, in file-name order. */
  static MergedSchema read(List<Path> files) {
    TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
    files.stream()
        .sorted(Comparator.comparing(file -> file.getFileName().toString()))
        .forEach(file -> registry.merge(new SchemaParser().parse(readString(file))));
    return of(registry);
  }

  /** The .graphqls files of a folder. */
  static List<Path> schemaFiles(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(file -> file.toString().endsWith(".graphqls")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MergedSchema of(TypeDefinitionRegistry registry) {
    Map<String, TypeDefinition<?>> types = new LinkedHashMap<>();
    registry.types().values().forEach(type -> types.put(type.getName(), fold(type, registry)));
    registry.scalars().values().stream()
        .filter(scalar -> !ScalarInfo.isGraphqlSpecifiedScalar(scalar.getName()))
        .forEach(scalar -> types.put(scalar.getName(), fold(scalar, registry)));
    registry.objectTypeExtensions().keySet().forEach(name -> requireBase(types, name));
    registry.interfaceTypeExtensions().keySet().forEach(name -> requireBase(types, name));
    registry.unionTypeExtensions().keySet().forEach(name -> requireBase(types, name));
    registry.enumTypeExtensions().keySet().forEach(name -> requireBase(types, name));
    registry.inputObjectTypeExtensions().keySet().forEach(name -> requireBase(types, name));

    List<Directive> schemaDirectives = new ArrayList<>();
    registry
        .schemaDefinition()
        .ifPresent(schema -> schemaDirectives.addAll(schema.getDirectives()));
    registry
        .getSchemaExtensionDefinitions()
        .forEach(extension -> schemaDirectives.addAll(extension.getDirectives()));
    return new MergedSchema(
        types, new LinkedHashMap<>(registry.getDirectiveDefinitions()), schemaDirectives);
  }

  private static void requireBase(Map<String, TypeDefinition<?>> types, String name) {
    if (!types.containsKey(name)) {
      throw new IllegalArgumentException("extend type " + name + " extends no declared type");
    }
  }

  /** The type as declared plus what every {@code extend} of it adds, in file order. */
  private static TypeDefinition<?> fold(TypeDefinition<?> type, TypeDefinitionRegistry registry) {
    String name = type.getName();
    if (type instanceof ObjectTypeDefinition object) {
      var extensions = registry.objectTypeExtensions().getOrDefault(name, List.of());
      return object.transform(
          builder ->
              builder
                  .fieldDefinitions(
                      all(object, extensions, ObjectTypeDefinition::getFieldDefinitions))
                  .implementz(all(object, extensions, ObjectTypeDefinition::getImplements))
                  .directives(all(object, extensions, ObjectTypeDefinition::getDirectives)));
    }
    if (type instanceof InterfaceTypeDefinition face) {
      var extensions = registry.interfaceTypeExtensions().getOrDefault(name, List.of());
      return face.transform(
          builder ->
              builder
                  .definitions(all(face, extensions, InterfaceTypeDefinition::getFieldDefinitions))
                  .implementz(all(face, extensions, InterfaceTypeDefinition::getImplements))
                  .directives(all(face, extensions, InterfaceTypeDefinition::getDirectives)));
    }
    if (type instanceof UnionTypeDefinition union) {
      var extensions = registry.unionTypeExtensions().getOrDefault(name, List.of());
      return union.transform(
          builder ->
              builder
                  .memberTypes(all(union, extensions, UnionTypeDefinition::getMemberTypes))
                  .directives(all(union, extensions, UnionTypeDefinition::getDirectives)));
    }
    if (type instanceof EnumTypeDefinition enumType) {
      var extensions = registry.enumTypeExtensions().getOrDefault(name, List.of());
      return enumType.transform(
          builder ->
              builder
                  .enumValueDefinitions(
                      all(enumType, extensions, EnumTypeDefinition::getEnumValueDefinitions))
                  .directives(all(enumType, extensions, EnumTypeDefinition::getDirectives)));
    }
    if (type instanceof InputObjectTypeDefinition input) {
      var extensions = registry.inputObjectTypeExtensions().getOrDefault(name, List.of());
      return input.transform(
          builder ->
              builder
                  .inputValueDefinitions(
                      all(input, extensions, InputObjectTypeDefinition::getInputValueDefinitions))
                  .directives(all(input, extensions, InputObjectTypeDefinition::getDirectives)));
    }
    if (type instanceof ScalarTypeDefinition scalar) {
      var extensions = registry.scalarTypeExtensions().getOrDefault(name, List.of());
      return scalar.transform(
          builder ->
              builder.directives(all(scalar, extensions, ScalarTypeDefinition::getDirectives)));
    }
    throw new IllegalArgumentException("Unexpected kind of type: " + type);
  }

  private static <T, E extends T, V> List<V> all(
      T type, Collection<E> extensions, Function<T, List<V>> part) {
    List<V> values = new ArrayList<>(part.apply(type));
    extensions.forEach(extension -> values.addAll(part.apply(extension)));
    return values;
  }

  /**
   * SDL of the whole schema, one definition per type with its extensions folded in: the schema's
   * directives first, then the declared directives, Query, Mutation and every other type by name,
   * so that moving a type from one file to another changes nothing here.
   */
  String print() {
    return SdlPrinter.print(
        schemaDirectives,
        directives.values().stream()
            .sorted(Comparator.comparing(DirectiveDefinition::getName))
            .toList(),
        types.values().stream().sorted(Comparator.comparing(MergedSchema::printOrder)).toList());
  }

  private static String printOrder(TypeDefinition<?> type) {
    return switch (type.getName()) {
      case "Query" -> "0";
      case "Mutation" -> "1";
      case "Subscription" -> "2";
      default -> "3" + type.getName();
    };
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
