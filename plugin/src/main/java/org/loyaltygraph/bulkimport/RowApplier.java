package org.loyaltygraph.bulkimport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.loyaltygraph.customer.CustomerResult;
import org.loyaltygraph.customer.CustomerService;
import org.loyaltygraph.customer.CustomerUpsert;
import org.loyaltygraph.graphql.UserError;
import org.loyaltygraph.order.OrderInput;
import org.loyaltygraph.order.OrderResult;
import org.loyaltygraph.order.OrderService;
import org.loyaltygraph.points.OpeningBalanceService;
import org.loyaltygraph.system.LockConflictRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies one record through the public service of its feature, exactly as the matching mutation
 * would, and tells an import from a replay: a record already present (an order recorded before, a
 * customer unchanged, a balance carried over already) is SKIPPED, which is also how the rows of a
 * batch interrupted by a crash count when the job resumes. So is a customer older than the stored
 * one by its {@code updatedAt}: the mutation writes nothing for it either.
 */
@Component
class RowApplier {

  private static final Logger log = LoggerFactory.getLogger(RowApplier.class);

  enum Outcome {
    IMPORTED,
    SKIPPED,
    FAILED
  }

  /** What became of a record, and its errors when it FAILED. */
  record Applied(Outcome outcome, List<RowError> errors) {

    static Applied failed(List<RowError> errors) {
      return new Applied(Outcome.FAILED, List.copyOf(errors));
    }
  }

  private final CustomerService customers;
  private final OrderService orders;
  private final OpeningBalanceService openings;

  RowApplier(CustomerService customers, OrderService orders, OpeningBalanceService openings) {
    this.customers = customers;
    this.orders = orders;
    this.openings = openings;
  }

  /**
   * Applies one record; {@code emitsEvents} false records it exactly the same but without its
   * webhook events (points earned, a tier change).
   */
  Applied apply(ImportKind kind, SourceRecord record, boolean emitsEvents) {
    if (record.problem() != null) {
      return Applied.failed(List.of(record.problem()));
    }
    try {
      return switch (kind) {
        case CUSTOMERS -> customer(record);
        case ORDERS -> order(record, emitsEvents);
        case OPENING_BALANCES -> openingBalance(record, emitsEvents);
      };
    } catch (TransientDataAccessException
        | DataAccessResourceFailureException
        | RecoverableDataAccessException e) {
      throw e; // the database, not the record: the batch stops and is retried
    } catch (RuntimeException e) {
      String traceId = UUID.randomUUID().toString();
      log.error("trace={} import of line {} failed", traceId, record.line(), e);
      return Applied.failed(
          List.of(
              RowError.of(
                  record.line(),
                  record.key(),
                  null,
                  "INTERNAL",
                  "Internal error; quote the trace id " + traceId + ".")));
    }
  }

  private Applied customer(SourceRecord record) {
    ObjectNode v = record.value();
    InputFields f = new InputFields(record);
    CustomerUpsert input =
        new CustomerUpsert(
            f.text(v, "id"),
            f.text(v, "email"),
            f.text(v, "firstName"),
            f.text(v, "lastName"),
            f.text(v, "timeZone"),
            f.instant(v, "updatedAt"));
    if (!f.errors().isEmpty()) {
      return Applied.failed(f.errors());
    }
    CustomerResult result = LockConflictRetry.run(() -> customers.upsert(input));
    if (!result.userErrors().isEmpty()) {
      return Applied.failed(errors(record, result.userErrors()));
    }
    // a replay, or a customer older than the stored one by the storefront's time: nothing written
    return new Applied(
        result.write() == CustomerResult.Write.WRITTEN ? Outcome.IMPORTED : Outcome.SKIPPED,
        List.of());
  }

  private Applied order(SourceRecord record, boolean emitsEvents) {
    ObjectNode v = record.value();
    InputFields f = new InputFields(record);
    List<OrderInput.Line> lines = new ArrayList<>();
    List<JsonNode> elements = f.array(v, "lines");
    for (int i = 0; i < elements.size(); i++) {
      JsonNode l = elements.get(i);
      String at = Integer.toString(i);
      Integer quantity = f.count(l, "quantity", "lines", at);
      Long unitPrice = f.whole(l, "unitPrice", "lines", at);
      if (quantity == null && l.get("quantity") == null) {
        f.required("quantity", "lines", at);
      }
      if (unitPrice == null && l.get("unitPrice") == null) {
        f.required("unitPrice", "lines", at);
      }
      lines.add(
          new OrderInput.Line(
              f.text(l, "lineId", "lines", at),
              f.text(l, "sku", "lines", at),
              f.text(l, "category", "lines", at),
              quantity == null ? 0 : quantity,
              unitPrice == null ? 0 : unitPrice,
              orZero(f.whole(l, "discount", "lines", at)),
              f.flag(l, "giftCard", "lines", at)));
    }
    OrderInput input =
        new OrderInput(
            f.text(v, "id"),
            f.text(v, "customerId"),
            f.instant(v, "placedAt"),
            f.text(v, "currency"),
            f.decimal(v, "exchangeRate"),
            orZero(f.whole(v, "orderDiscount")),
            orZero(f.whole(v, "shipping")),
            orZero(f.whole(v, "tax")),
            lines,
            f.text(v, "guestEmail"));
    if (!f.errors().isEmpty()) {
      return Applied.failed(f.errors());
    }
    boolean present = input.id() != null && orders.find(input.id()).isPresent();
    OrderResult result = orders.record(input, emitsEvents);
    if (!result.userErrors().isEmpty()) {
      return Applied.failed(errors(record, result.userErrors()));
    }
    return new Applied(present ? Outcome.SKIPPED : Outcome.IMPORTED, List.of());
  }

  private Applied openingBalance(SourceRecord record, boolean emitsEvents) {
    ObjectNode v = record.value();
    InputFields f = new InputFields(record);
    String customerId = f.text(v, "customerId");
    long qualifyingAmount = orZero(f.whole(v, "qualifyingAmount"));
    List<OpeningBalanceService.Lot> lots = new ArrayList<>();
    List<JsonNode> elements = f.array(v, "lots");
    for (int i = 0; i < elements.size(); i++) {
      JsonNode lot = elements.get(i);
      String at = Integer.toString(i);
      Long points = f.whole(lot, "points", "lots", at);
      if (points == null && lot.get("points") == null) {
        f.required("points", "lots", at);
      }
      Instant expiresAt = f.instant(lot, "expiresAt", "lots", at);
      lots.add(new OpeningBalanceService.Lot(points == null ? 0 : points, expiresAt));
    }
    if (customerId == null) {
      f.required("customerId");
    }
    if (!f.errors().isEmpty()) {
      return Applied.failed(f.errors());
    }
    boolean present = openings.imported(customerId);
    OpeningBalanceService.ImportResult result =
        LockConflictRetry.run(
            () -> openings.importBalance(customerId, lots, qualifyingAmount, emitsEvents));
    if (!result.userErrors().isEmpty()) {
      return Applied.failed(errors(record, result.userErrors()));
    }
    return new Applied(present ? Outcome.SKIPPED : Outcome.IMPORTED, List.of());
  }

  private static List<RowError> errors(SourceRecord record, List<UserError> userErrors) {
    return userErrors.stream()
        .map(
            e ->
                RowError.of(
                    record.lineOf(e.field()), record.key(), e.field(), e.code(), e.message()))
        .toList();
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
