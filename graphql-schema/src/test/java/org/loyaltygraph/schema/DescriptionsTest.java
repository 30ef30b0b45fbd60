package org.loyaltygraph.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import graphql.language.AbstractDescribedNode;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.NamedNode;
import graphql.language.ObjectTypeDefinition;
import graphql.language.SDLExtensionDefinition;
import graphql.language.TypeDefinition;
import graphql.parser.Parser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every type, field, argument, input field and enum value of the public schema says what it is:
 * partners read the schema (GraphiQL, their IDEs, generated clients) before they read anything
 * else. A type extension ({@code extend type Query}) has no description of its own in SDL; its
 * fields do.
 */
class DescriptionsTest {

  private static final Path SCHEMA =
      Path.of(System.getProperty("basedir", "."), "src", "main", "resources", "schema");

  @Test
  void everyTypeFieldArgumentAndEnumValueHasADescription() throws IOException {
    List<String> undescribed = new ArrayList<>();
    int described = 0;
    for (Path file : schemaFiles()) {
      Document document = Parser.parse(Files.readString(file));
      for (Definition<?> definition : document.getDefinitions()) {
        if (!(definition instanceof TypeDefinition<?> type)) {
          continue;
        }
        String where = file.getFileName() + ": ";
        if (!(definition instanceof SDLExtensionDefinition)) {
          described += check(type, where + type.getName(), undescribed);
        }
        for (AbstractDescribedNode<?> member : members(type)) {
          String name = where + type.getName() + "." + ((NamedNode<?>) member).getName();
          described += check(member, name, undescribed);
          if (member instanceof FieldDefinition field) {
            for (InputValueDefinition argument : field.getInputValueDefinitions()) {
              described += check(argument, name + "(" + argument.getName() + ":)", undescribed);
            }
          }
        }
      }
    }
    assertEquals(List.of(), undescribed, "without a description");
    // the walk itself reached the schema: hundreds of described elements, not none
    assertTrue(described > 500, "described elements found: " + described);
  }

  private static List<AbstractDescribedNode<?>> members(TypeDefinition<?> type) {
    List<AbstractDescribedNode<?>> members = new ArrayList<>();
    if (type instanceof ObjectTypeDefinition object) {
      members.addAll(object.getFieldDefinitions());
    } else if (type instanceof InterfaceTypeDefinition object) {
      members.addAll(object.getFieldDefinitions());
    } else if (type instanceof InputObjectTypeDefinition input) {
      members.addAll(input.getInputValueDefinitions());
    } else if (type instanceof EnumTypeDefinition enumeration) {
      members.addAll(enumeration.getEnumValueDefinitions());
    }
    return members;
  }

  private static int check(Object node, String name, List<String> undescribed) {
    if (node instanceof AbstractDescribedNode<?> describedNode
        && describedNode.getDescription() != null
        && !describedNode.getDescription().getContent().isBlank()) {
      return 1;
    }
    undescribed.add(name);
    return 0;
  }

  private static List<Path> schemaFiles() throws IOException {
    try (Stream<Path> files = Files.list(SCHEMA)) {
      return files.filter(f -> f.toString().endsWith(".graphqls")).sorted().toList();
    }
  }
}
