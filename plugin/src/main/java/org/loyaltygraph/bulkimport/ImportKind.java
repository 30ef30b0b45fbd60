package org.loyaltygraph.bulkimport;

import java.util.List;
import java.util.Optional;

/**
 * What a file holds, and how its CSV columns map to the fields of the matching mutation's input.
 * CSV rows with the same {@code groupColumn} in a row make one record (an order and its lines, a
 * customer's opening balance and its lots); the {@code partColumns} of each row become one element
 * of {@code partsField}. An upload needs the permission of {@code mutation}.
 */
enum ImportKind {
  CUSTOMERS(
      "customers",
      "customerUpsert",
      null,
      List.of(
          column("id", "id", true),
          column("email", "email", false),
          column("first_name", "firstName", false),
          column("last_name", "lastName", false),
          column("time_zone", "timeZone", false),
          column("updated_at", "updatedAt", false)),
      null,
      List.of()),
  ORDERS(
      "orders",
      "orderRecord",
      "order_id",
      List.of(
          column("order_id", "id", true),
          column("customer_id", "customerId", false),
          column("guest_email", "guestEmail", false),
          column("placed_at", "placedAt", true),
          column("currency", "currency", true),
          column("exchange_rate", "exchangeRate", false),
          column("order_discount", "orderDiscount", false),
          column("shipping", "shipping", false),
          column("tax", "tax", false)),
      "lines",
      List.of(
          column("line_id", "lineId", true),
          column("sku", "sku", true),
          column("category", "category", false),
          column("quantity", "quantity", true),
          column("unit_price", "unitPrice", true),
          column("discount", "discount", false),
          column("gift_card", "giftCard", false))),
  OPENING_BALANCES(
      "openingBalances",
      "openingBalanceImport",
      "customer_id",
      List.of(
          column("customer_id", "customerId", true),
          column("qualifying_amount", "qualifyingAmount", false)),
      "lots",
      List.of(column("points", "points", true), column("expires_at", "expiresAt", false)));

  /** A CSV column and the input field it fills. */
  record Column(String csv, String field, boolean required) {}

  private final String parameter;
  private final String mutation;
  private final String groupColumn;
  private final List<Column> recordColumns;
  private final String partsField;
  private final List<Column> partColumns;

  ImportKind(
      String parameter,
      String mutation,
      String groupColumn,
      List<Column> recordColumns,
      String partsField,
      List<Column> partColumns) {
    this.parameter = parameter;
    this.mutation = mutation;
    this.groupColumn = groupColumn;
    this.recordColumns = recordColumns;
    this.partsField = partsField;
    this.partColumns = partColumns;
  }

  private static Column column(String csv, String field, boolean required) {
    return new Column(csv, field, required);
  }

  /** The {@code kind} query parameter of {@code POST /imports}. */
  String parameter() {
    return parameter;
  }

  /** The root mutation whose permission an upload of this kind needs. */
  String mutation() {
    return mutation;
  }

  /** The CSV column whose contiguous equal values make one record; null: one row, one record. */
  String groupColumn() {
    return groupColumn;
  }

  List<Column> recordColumns() {
    return recordColumns;
  }

  /** The array field that the per-row columns fill ({@code lines}, {@code lots}); or null. */
  String partsField() {
    return partsField;
  }

  List<Column> partColumns() {
    return partColumns;
  }

  static Optional<ImportKind> fromParameter(String value) {
    for (ImportKind kind : values()) {
      if (kind.parameter.equals(value)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
