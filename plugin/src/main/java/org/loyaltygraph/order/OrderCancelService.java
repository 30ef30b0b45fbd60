package org.loyaltygraph.order;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.loyaltygraph.graphql.ContentHash;
import org.loyaltygraph.graphql.UserError;
import org.loyaltygraph.points.EarningService;
import org.loyaltygraph.points.RedemptionService;
import org.loyaltygraph.system.LockConflictRetry;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cancels orders: what is left unrefunded is refunded by one refund (points pending are canceled,
 * available ones reversed under the negative-balance policy, tier credit taken off), and rewards
 * used on the order are restored per the rules' policy. Once per order, however often it arrives.
 */
@Service
public class OrderCancelService {

  private static final int MAX_REASON = 255;

  private final OrderRepository orders;
  private final OrderCancellationRepository cancellations;
  private final RefundService refunds;
  private final RedemptionService redemptions;
  private final EarningService earning;
  private final TransactionTemplate transactions;
  private final Clock clock;

  OrderCancelService(
      OrderRepository orders,
      OrderCancellationRepository cancellations,
      RefundService refunds,
      RedemptionService redemptions,
      EarningService earning,
      TransactionTemplate transactions,
      Clock clock) {
    this.orders = orders;
    this.cancellations = cancellations;
    this.refunds = refunds;
    this.redemptions = redemptions;
    this.earning = earning;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** The canceled order and its cancellation (also on a replay), or why nothing was canceled. */
  public record CancelResult(
      Order order, OrderCancellation cancellation, List<UserError> userErrors) {
    static CancelResult refused(String code, String message, String... field) {
      return new CancelResult(null, null, List.of(UserError.of(code, message, field)));
    }
  }

  public Optional<OrderCancellation> cancellationOf(String orderId) {
    return cancellations.find(orderId);
  }

  public CancelResult cancel(String orderId, Instant canceledAt, String reason) {
    if (orderId == null || orderId.isBlank()) {
      return CancelResult.refused("REQUIRED", "orderId is required.", "input", "orderId");
    }
    if (reason != null && reason.length() > MAX_REASON) {
      return CancelResult.refused(
          "INVALID", "reason is at most " + MAX_REASON + " characters.", "input", "reason");
    }
    String hash =
        ContentHash.of(
            orderId + '|' + (canceledAt == null ? "" : canceledAt) + '|' + nullToEmpty(reason));
    Optional<OrderCancellation> earlier = cancellations.find(orderId);
    if (earlier.isPresent()) {
      return replay(earlier.get(), hash);
    }
    if (orders.find(orderId).isEmpty()) {
      return CancelResult.refused("UNKNOWN_ORDER", "No order has this id.", "input", "orderId");
    }
    try {
      return LockConflictRetry.run(
          () ->
              transactions.execute(
                  status -> {
                    CancelResult result = cancelLocked(orderId, canceledAt, reason, hash);
                    if (!result.userErrors().isEmpty()) {
                      status.setRollbackOnly();
                    }
                    return result;
                  }));
    } catch (DuplicateKeyException raced) {
      return replay(cancellations.find(orderId).orElseThrow(() -> raced), hash);
    }
  }

  private CancelResult cancelLocked(
      String orderId, Instant canceledAt, String reason, String hash) {
    Order order = orders.lock(orderId).orElseThrow();
    // under the order lock: a concurrent cancel has committed or not begun
    Optional<OrderCancellation> raced = cancellations.find(orderId);
    if (raced.isPresent()) {
      return replay(raced.get(), hash);
    }
    Instant at = canceledAt != null ? canceledAt : clock.instant();
    long left = order.lines().stream().mapToLong(l -> l.paid() - l.refundedAmount()).sum();
    String refundId = null;
    if (left > 0) {
      refundId = refundIdFor(orderId);
      RefundInput rest = new RefundInput(refundId, orderId, at, null, left);
      RefundResult refunded = refunds.recordInTransaction(rest);
      if (!refunded.userErrors().isEmpty()) {
        return new CancelResult(null, null, refunded.userErrors());
      }
    }
    // a full refund restores rewards already; this covers orders whose lines paid nothing
    redemptions.restoreRewardsOf(orderId, earning.currentRules());
    OrderCancellation cancellation = new OrderCancellation(orderId, at, reason, refundId, hash);
    cancellations.insert(cancellation, clock.instant());
    return new CancelResult(orders.find(orderId).orElseThrow(), cancellation, List.of());
  }

  private CancelResult replay(OrderCancellation earlier, String hash) {
    if (!earlier.contentHash().equals(hash)) {
      return CancelResult.refused(
          "IDEMPOTENCY_KEY_REUSED",
          "Order " + earlier.orderId() + " was canceled with other content; nothing was changed.",
          "input",
          "orderId");
    }
    return new CancelResult(orders.find(earlier.orderId()).orElseThrow(), earlier, List.of());
  }

  /** The cancel's refund id: readable when it fits the 64-character ids, else a hash of it. */
  static String refundIdFor(String orderId) {
    String id = RefundService.CANCEL_PREFIX + orderId;
    return id.length() <= 64
        ? id
        : RefundService.CANCEL_PREFIX + ContentHash.of(orderId).substring(0, 57);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
