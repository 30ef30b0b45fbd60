package org.loyaltygraph.schema.compatibility;

import graphql.language.AstPrinter;
import graphql.language.Description;
import graphql.language.Directive;
import graphql.language.DirectiveDefinition;
import graphql.language.DirectiveLocation;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.Node;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.UnionTypeDefinition;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints definitions as the schema files write them: descriptions above, arguments on one line
 * unless they carry descriptions. (graphql-java's AstPrinter breaks every argument list over lines,
 * which made the published schema hard to read.)
 */
final class SdlPrinter {

  private final StringBuilder out = new StringBuilder();

  static String print(
      List<Directive> schemaDirectives,
      List<DirectiveDefinition> directives,
      List<TypeDefinition<?>> types) {
    SdlPrinter printer = new SdlPrinter();
    if (!schemaDirectives.isEmpty()) {
      printer.out.append("extend schema").append(directives(schemaDirectives)).append("\n\n");
    }
    directives.forEach(printer::directiveDefinition);
    types.forEach(printer::type);
    return printer.out.toString().stripTrailing() + "\n";
  }

  private void directiveDefinition(DirectiveDefinition directive) {
    description(directive.getDescription(), "");
    out.append("directive @")
        .append(directive.getName())
        .append(arguments(directive.getInputValueDefinitions(), ""))
        .append(directive.isRepeatable() ? " repeatable" : "")
        .append(" on ")
        .append(
            directive.getDirectiveLocations().stream()
                .map(DirectiveLocation::getName)
                .collect(Collectors.joining(" | ")))
        .append("\n\n");
  }

  private void type(TypeDefinition<?> type) {
    description(((graphql.language.AbstractDescribedNode<?>) type).getDescription(), "");
    if (type instanceof ObjectTypeDefinition object) {
      out.append("type ").append(object.getName()).append(implementz(object.getImplements()));
      fields(object.getDirectives(), object.getFieldDefinitions());
    } else if (type instanceof InterfaceTypeDefinition face) {
      out.append("interface ").append(face.getName()).append(implementz(face.getImplements()));
      fields(face.getDirectives(), face.getFieldDefinitions());
    } else if (type instanceof UnionTypeDefinition union) {
      out.append("union ")
          .append(union.getName())
          .append(directives(union.getDirectives()))
          .append(" = ")
          .append(
              union.getMemberTypes().stream()
                  .map(AstPrinter::printAst)
                  .collect(Collectors.joining(" | ")));
    } else if (type instanceof EnumTypeDefinition enumType) {
      out.append("enum ")
          .append(enumType.getName())
          .append(directives(enumType.getDirectives()))
          .append(" {\n");
      for (EnumValueDefinition value : enumType.getEnumValueDefinitions()) {
        description(value.getDescription(), "  ");
        out.append("  ")
            .append(value.getName())
            .append(directives(value.getDirectives()))
            .append('\n');
      }
      out.append('}');
    } else if (type instanceof InputObjectTypeDefinition input) {
      out.append("input ")
          .append(input.getName())
          .append(directives(input.getDirectives()))
          .append(" {\n");
      for (InputValueDefinition field : input.getInputValueDefinitions()) {
        description(field.getDescription(), "  ");
        out.append("  ").append(inputValue(field)).append('\n');
      }
      out.append('}');
    } else if (type instanceof ScalarTypeDefinition scalar) {
      out.append("scalar ").append(scalar.getName()).append(directives(scalar.getDirectives()));
    } else {
      throw new IllegalArgumentException("Unexpected kind of type: " + type);
    }
    out.append("\n\n");
  }

  private void fields(List<Directive> directives, List<FieldDefinition> fields) {
    out.append(directives(directives)).append(" {\n");
    for (FieldDefinition field : fields) {
      description(field.getDescription(), "  ");
      out.append("  ")
          .append(field.getName())
          .append(arguments(field.getInputValueDefinitions(), "  "))
          .append(": ")
          .append(typeReference(field.getType()))
          .append(directives(field.getDirectives()))
          .append('\n');
    }
    out.append('}');
  }

  /** On one line, or one per line when any of them has a description to show. */
  private String arguments(List<InputValueDefinition> arguments, String indent) {
    if (arguments.isEmpty()) {
      return "";
    }
    if (arguments.stream().noneMatch(argument -> argument.getDescription() != null)) {
      return arguments.stream()
          .map(SdlPrinter::inputValue)
          .collect(Collectors.joining(", ", "(", ")"));
    }
    SdlPrinter lines = new SdlPrinter();
    lines.out.append("(\n");
    for (InputValueDefinition argument : arguments) {
      lines.description(argument.getDescription(), indent + "  ");
      lines.out.append(indent).append("  ").append(inputValue(argument)).append('\n');
    }
    return lines.out.append(indent).append(')').toString();
  }

  private static String inputValue(InputValueDefinition value) {
    return value.getName()
        + ": "
        + typeReference(value.getType())
        + (value.getDefaultValue() == null
            ? ""
            : " = " + AstPrinter.printAst(value.getDefaultValue()))
        + directives(value.getDirectives());
  }

  private void description(Description description, String indent) {
    if (description == null) {
      return;
    }
    String content = description.getContent();
    if (description.isMultiLine() || content.contains("\n")) {
      out.append(indent).append("\"\"\"\n");
      content
          .replace("\"\"\"", "\\\"\"\"")
          .lines()
          .forEach(line -> out.append(line.isEmpty() ? "" : indent + line).append('\n'));
      out.append(indent).append("\"\"\"\n");
    } else {
      out.append(indent)
          .append('"')
          .append(content.replace("\\", "\\\\").replace("\"", "\\\""))
          .append("\"\n");
    }
  }

  private static String implementz(List<Type> interfaces) {
    return interfaces.isEmpty()
        ? ""
        : interfaces.stream()
            .map(AstPrinter::printAst)
            .collect(Collectors.joining(" & ", " implements ", ""));
  }

  private static String directives(List<Directive> directives) {
    return directives.stream()
        .map(directive -> " " + AstPrinter.printAst(directive))
        .collect(Collectors.joining());
  }

  private static String typeReference(Node<?> type) {
    return AstPrinter.printAst(type);
  }
}
