package org.loyaltygraph.order;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.loyaltygraph.graphql.ContentHash;
import org.loyaltygraph.graphql.UserError;
import org.loyaltygraph.points.EarningService;
import org.loyaltygraph.points.PointsLedger;
import org.loyaltygraph.points.RedemptionService;
import org.loyaltygraph.points.TakeBack;
import org.loyaltygraph.system.LockConflictRetry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records refunds and takes back what the refunded units earned, from the receipts. Refunds of one
 * order run one at a time (the order row is locked), each exactly once per refund id.
 */
@Service
public class RefundService {

  /** Refund ids of cancels ({@link OrderCancelService}): never a storefront refund's. */
  static final String CANCEL_PREFIX = "cancel:";

  private final OrderRepository orders;
  private final RefundRepository refunds;
  private final PointsLedger ledger;
  private final EarningService earning;
  private final RedemptionService redemptions;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transactions;
  private final Clock clock;

  RefundService(
      OrderRepository orders,
      RefundRepository refunds,
      PointsLedger ledger,
      EarningService earning,
      RedemptionService redemptions,
      ApplicationEventPublisher events,
      TransactionTemplate transactions,
      Clock clock) {
    this.orders = orders;
    this.refunds = refunds;
    this.ledger = ledger;
    this.earning = earning;
    this.redemptions = redemptions;
    this.events = events;
    this.transactions = transactions;
    this.clock = clock;
  }

  public List<Refund> ofOrder(String orderId) {
    return refunds.findByOrder(orderId);
  }

  public RefundResult refund(RefundInput input) {
    if (input.id() != null && input.id().startsWith(CANCEL_PREFIX)) {
      return RefundResult.refused(
          "INVALID", "Refund ids starting with cancel: are kept for orderCancel.", "input", "id");
    }
    List<UserError> errors = validate(input);
    if (!errors.isEmpty()) {
      return new RefundResult(null, errors);
    }
    String hash = ContentHash.of(input.canonical());
    Optional<Refund> existing = refunds.find(input.id());
    if (existing.isPresent()) {
      return replay(existing.get(), hash);
    }
    Optional<Order> order = orders.find(input.orderId());
    if (order.isEmpty()) {
      return RefundResult.refused("UNKNOWN_ORDER", "No order has this id.", "input", "orderId");
    }
    if (input.lines() != null) {
      Set<String> known = new HashSet<>();
      order.get().lines().forEach(l -> known.add(l.lineId()));
      for (int i = 0; i < input.lines().size(); i++) {
        if (!known.contains(input.lines().get(i).lineId())) {
          return RefundResult.refused(
              "UNKNOWN_LINE",
              "The order has no line " + input.lines().get(i).lineId() + ".",
              "input",
              "lines",
              Integer.toString(i),
              "lineId");
        }
      }
    }
    try {
      return LockConflictRetry.run(
          () ->
              transactions.execute(
                  status -> {
                    RefundResult result = recordNew(input, hash);
                    if (!result.userErrors().isEmpty()) {
                      status.setRollbackOnly();
                    }
                    return result;
                  }));
    } catch (DuplicateKeyException raced) {
      return replay(refunds.find(input.id()).orElseThrow(() -> raced), hash);
    }
  }

  /**
   * Records a refund inside the caller's transaction (an order cancel, which holds the order's
   * lock); the caller rolls back on a user error.
   */
  RefundResult recordInTransaction(RefundInput input) {
    List<UserError> errors = validate(input);
    if (!errors.isEmpty()) {
      return new RefundResult(null, errors);
    }
    return recordNew(input, ContentHash.of(input.canonical()));
  }

  private RefundResult recordNew(RefundInput input, String hash) {
    Order order = orders.lock(input.orderId()).orElseThrow();
    // under the order lock: a concurrent copy of this refund has committed or not begun
    Optional<Refund> raced = refunds.find(input.id());
    if (raced.isPresent()) {
      return replay(raced.get(), hash);
    }
    Map<String, RefundPlan.LineChange> changes = new HashMap<>();
    if (input.lines() != null) {
      Map<String, OrderLine> byId = new HashMap<>();
      order.lines().forEach(l -> byId.put(l.lineId(), l));
      for (int i = 0; i < input.lines().size(); i++) {
        RefundInput.Line wanted = input.lines().get(i);
        OrderLine line = byId.get(wanted.lineId());
        if (wanted.quantity() > line.quantity() - line.refundedQuantity()) {
          return RefundResult.refused(
              "REFUND_EXCEEDS_PURCHASE",
              "Line "
                  + line.lineId()
                  + " has "
                  + (line.quantity() - line.refundedQuantity())
                  + " units left to refund.",
              "input",
              "lines",
              Integer.toString(i),
              "quantity");
        }
        changes.put(line.lineId(), RefundPlan.byUnits(line, wanted.quantity()));
      }
    } else {
      long left = order.lines().stream().mapToLong(l -> l.paid() - l.refundedAmount()).sum();
      if (input.amount() > left) {
        return RefundResult.refused(
            "REFUND_EXCEEDS_PURCHASE",
            "The order has " + left + " left to refund.",
            "input",
            "amount");
      }
      long[] shares = RefundPlan.spread(order.lines(), input.amount());
      for (int i = 0; i < order.lines().size(); i++) {
        if (shares[i] > 0) {
          OrderLine line = order.lines().get(i);
          changes.put(line.lineId(), RefundPlan.byAmount(line, shares[i]));
        }
      }
    }
    long points = changes.values().stream().mapToLong(RefundPlan.LineChange::points).sum();
    long amount = changes.values().stream().mapToLong(RefundPlan.LineChange::amount).sum();
    long baseRefunded =
        changes.values().stream().mapToLong(RefundPlan.LineChange::baseAmount).sum();
    TakeBack takeBack =
        order.customerId() == null // a guest order not linked yet earned no points
            ? TakeBack.NOTHING
            : ledger.takeBack(
                order.customerId(),
                "ORDER",
                order.id(),
                points,
                "refund",
                input.id(),
                earning.currentRules().negativeBalancePolicy());
    List<Refund.Line> refundLines = new ArrayList<>();
    for (OrderLine line : order.lines()) {
      RefundPlan.LineChange change = changes.get(line.lineId());
      if (change != null) {
        orders.updateRefunded(order.id(), change.after());
        refundLines.add(
            new Refund.Line(line.lineId(), change.quantity(), change.amount(), change.points()));
      }
    }
    Instant now = clock.instant();
    Instant refundedAt = input.refundedAt() != null ? input.refundedAt() : now;
    Refund refund =
        new Refund(
            input.id(),
            order.id(),
            order.customerId(),
            refundedAt,
            amount,
            takeBack.reversed(),
            takeBack.canceled(),
            takeBack.expired(),
            takeBack.shortfall(),
            hash,
            refundLines);
    refunds.insert(refund, now);
    if (refundsInFull(order, changes)) {
      redemptions.restoreRewardsOf(order.id(), earning.currentRules());
    }
    if (order.customerId() == null) {
      return new RefundResult(refund, List.of()); // a guest order: no customer to tell about it
    }
    // the tier listener locks the tier state under the account lock, as every writer does; a
    // refund that took back no points holds none yet (held already, it costs one statement)
    ledger.lockAccounts(List.of(order.customerId()));
    events.publishEvent(
        new OrderRefunded(
            refund.id(),
            order.id(),
            order.customerId(),
            order.placedAt(),
            refundedAt,
            baseRefunded,
            points));
    return new RefundResult(refund, List.of());
  }

  /** True when, after these changes, every line of the order is refunded in full. */
  private static boolean refundsInFull(Order order, Map<String, RefundPlan.LineChange> changes) {
    for (OrderLine line : order.lines()) {
      RefundPlan.LineChange change = changes.get(line.lineId());
      OrderLine after = change == null ? line : change.after();
      boolean full =
          after.paid() > 0
              ? after.refundedAmount() >= after.paid()
              : after.refundedQuantity() >= after.quantity();
      if (!full) {
        return false;
      }
    }
    return true;
  }

  private static List<UserError> validate(RefundInput input) {
    List<UserError> errors = new ArrayList<>();
    if (input.id() == null || input.id().isBlank() || input.id().length() > 64) {
      errors.add(
          UserError.of(
              "REQUIRED", "A refund id of 1 to 64 characters is required.", "input", "id"));
    }
    if (input.orderId() == null || input.orderId().isBlank()) {
      errors.add(UserError.of("REQUIRED", "orderId is required.", "input", "orderId"));
    }
    boolean hasLines = input.lines() != null;
    boolean hasAmount = input.amount() != null;
    if (hasLines == hasAmount) {
      errors.add(UserError.of("INVALID", "Give either lines or amount.", "input", "lines"));
      return errors;
    }
    if (hasAmount && input.amount() <= 0) {
      errors.add(UserError.of("INVALID_AMOUNT", "amount is positive.", "input", "amount"));
    }
    if (hasLines) {
      if (input.lines().isEmpty()) {
        errors.add(UserError.of("REQUIRED", "lines holds at least one line.", "input", "lines"));
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < input.lines().size(); i++) {
        RefundInput.Line line = input.lines().get(i);
        String at = Integer.toString(i);
        if (line.lineId() == null || line.lineId().isBlank()) {
          errors.add(
              UserError.of("REQUIRED", "lineId is required.", "input", "lines", at, "lineId"));
        } else if (!seen.add(line.lineId())) {
          errors.add(
              UserError.of(
                  "DUPLICATE_LINE", "A line appears twice.", "input", "lines", at, "lineId"));
        }
        if (line.quantity() < 1) {
          errors.add(
              UserError.of(
                  "INVALID_QUANTITY", "quantity is at least 1.", "input", "lines", at, "quantity"));
        }
      }
    }
    return errors;
  }

  private static RefundResult replay(Refund existing, String hash) {
    if (!existing.contentHash().equals(hash)) {
      return RefundResult.refused(
          "IDEMPOTENCY_KEY_REUSED",
          "Refund " + existing.id() + " was recorded with other content; nothing was changed.",
          "input",
          "id");
    }
    return new RefundResult(existing, List.of());
  }
}
