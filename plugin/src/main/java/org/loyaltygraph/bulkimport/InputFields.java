package org.loyaltygraph.bulkimport;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Reads the fields of a record's input, whether they came as JSON values (NDJSON) or as text (CSV),
 * and collects an {@code INVALID_VALUE} error for each value of the wrong type instead of throwing.
 */
final class InputFields {

  static final String INVALID_VALUE = "INVALID_VALUE";

  private final SourceRecord record;
  private final List<RowError> errors = new ArrayList<>();

  InputFields(SourceRecord record) {
    this.record = record;
  }

  List<RowError> errors() {
    return errors;
  }

  /** A text value; numbers are accepted as their text. Null when absent. */
  String text(JsonNode parent, String name, String... path) {
    JsonNode node = value(parent, name, path);
    return node == null ? null : node.asString();
  }

  /** A whole number, or null when absent. */
  Long whole(JsonNode parent, String name, String... path) {
    JsonNode node = value(parent, name, path);
    if (node == null) {
      return null;
    }
    try {
      if (node.isNumber()) {
        return node.decimalValue().longValueExact();
      }
      return Long.parseLong(node.asString().trim());
    } catch (ArithmeticException | NumberFormatException e) {
      return invalid(name, path, name + " is a whole number (minor units for amounts).");
    }
  }

  /** A whole number from 0 to 2^31 - 1, or null when absent. */
  Integer count(JsonNode parent, String name, String... path) {
    Long value = whole(parent, name, path);
    if (value != null && (value < 0 || value > Integer.MAX_VALUE)) {
      return invalid(name, path, name + " is a whole number from 0 to 2147483647.");
    }
    return value == null ? null : value.intValue();
  }

  BigDecimal decimal(JsonNode parent, String name, String... path) {
    JsonNode node = value(parent, name, path);
    if (node == null) {
      return null;
    }
    try {
      return node.isNumber() ? node.decimalValue() : new BigDecimal(node.asString().trim());
    } catch (NumberFormatException e) {
      return invalid(name, path, name + " is a decimal number such as 1.0842.");
    }
  }

  /** An ISO-8601 instant with an offset (2026-01-15T10:00:00Z), or a date taken as UTC midnight. */
  Instant instant(JsonNode parent, String name, String... path) {
    String text = text(parent, name, path);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException notADateTime) {
      try {
        return LocalDate.parse(text.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException notADate) {
        return invalid(name, path, name + " is an ISO-8601 time such as 2026-01-15T10:00:00Z.");
      }
    }
  }

  /** true or false (also 1 or 0); false when absent. */
  boolean flag(JsonNode parent, String name, String... path) {
    JsonNode node = value(parent, name, path);
    if (node == null) {
      return false;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return switch (node.asString().trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> {
        invalid(name, path, name + " is true or false.");
        yield false;
      }
    };
  }

  /** The elements of an array field; empty when absent. */
  List<JsonNode> array(JsonNode parent, String name) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      invalid(name, new String[0], name + " is an array.");
      return List.of();
    }
    List<JsonNode> elements = new ArrayList<>();
    node.forEach(elements::add);
    return elements;
  }

  /** A required value is missing: the code the mutations give. */
  void required(String name, String... path) {
    List<String> field = field(name, path);
    errors.add(
        RowError.of(record.lineOf(field), record.key(), field, "REQUIRED", name + " is required."));
  }

  private JsonNode value(JsonNode parent, String name, String[] path) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isValueNode()) {
      return invalid(name, path, name + " is a single value, not an object or array.");
    }
    return node;
  }

  private <T> T invalid(String name, String[] path, String message) {
    List<String> field = field(name, path);
    errors.add(RowError.of(record.lineOf(field), record.key(), field, INVALID_VALUE, message));
    return null;
  }

  private static List<String> field(String name, String[] path) {
    return Stream.concat(Stream.concat(Stream.of("input"), Stream.of(path)), Stream.of(name))
        .toList();
  }
}
