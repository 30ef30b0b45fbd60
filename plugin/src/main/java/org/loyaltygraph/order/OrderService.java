package org.loyaltygraph.order;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loyaltygraph.customer.CustomerService;
import org.loyaltygraph.graphql.ContentHash;
import org.loyaltygraph.graphql.UserError;
import org.loyaltygraph.points.EarningRules;
import org.loyaltygraph.points.EarningService;
import org.loyaltygraph.points.PointsLedger;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records orders from the storefront, exactly once per order id: a replay answers the first result,
 * the same id with other content is refused, and concurrent copies race on the primary key, which
 * only one wins. Checks run on the caller's thread; {@link OrderBatcher} writes the checked order,
 * together with others that arrive meanwhile.
 */
@Service
public class OrderService {

  private final OrderRepository orders;
  private final CustomerService customers;
  private final EarningService earning;
  private final PointsLedger ledger;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final OrderProperties properties;
  private final OrderRewards rewards;
  private final OrderBatcher batcher;

  OrderService(
      OrderRepository orders,
      CustomerService customers,
      EarningService earning,
      PointsLedger ledger,
      ApplicationEventPublisher events,
      TransactionTemplate transactions,
      Clock clock,
      OrderProperties properties,
      OrderRewards rewards,
      OrderBatcher batcher) {
    this.properties = properties;
    this.rewards = rewards;
    this.batcher = batcher;
    this.orders = orders;
    this.customers = customers;
    this.earning = earning;
    this.ledger = ledger;
    this.events = events;
    this.transactions = transactions;
    this.clock = clock;
  }

  public Optional<Order> find(String id) {
    return orders.find(id);
  }

  public OrderResult record(OrderInput input) {
    return record(input, true);
  }

  /**
   * As {@link #record(OrderInput)}; {@code webhooks} false records the order exactly the same but
   * leaves it (and a tier change it causes) out of the outbox: a bulk import of past orders.
   */
  public OrderResult record(OrderInput input, boolean webhooks) {
    EarningRules rules = earning.currentRules();
    List<UserError> errors = OrderValidation.check(input, rules.baseCurrency());
    if (!errors.isEmpty()) {
      return new OrderResult(null, errors);
    }
    String hash = ContentHash.of(input.canonical());
    OrderRewards.Deduction deduction = rewards.value(input, rules);
    if (!deduction.userErrors().isEmpty()) {
      // a replay whose codes were restored since still answers the first result
      return orders
          .find(input.id())
          .map(o -> replay(o, hash))
          .orElse(new OrderResult(null, deduction.userErrors()));
    }
    // no read ahead for a replay: the order's primary key refuses the second copy, and the
    // rolled-back attempt then answers as a replay of the first; the writer looks the customer up
    OrderWriter.PendingOrder pending =
        new OrderWriter.PendingOrder(input, hash, rules, deduction, webhooks);
    // codes are consumed in the order's transaction, which a refused one rolls back: alone
    return input.rewardCodes().isEmpty() ? batcher.record(pending) : batcher.recordAlone(pending);
  }

  /** The orders linked (also on a replay), the points this call awarded, or why nothing was. */
  public record LinkResult(List<Order> orders, long pointsAwarded, List<UserError> userErrors) {}

  /**
   * Credits guest orders to a customer, each once: points still left after refunds become a lot
   * earned at the order's time, and the tier program hears of the order. All or nothing.
   */
  public LinkResult linkGuestOrders(String customerId, List<String> orderIds) {
    if (orderIds == null || orderIds.isEmpty() || orderIds.size() > 100) {
      return new LinkResult(
          null,
          0,
          List.of(UserError.of("INVALID", "Give 1 to 100 order ids.", "input", "orderIds")));
    }
    // the stored id (as the database compares ids), or the survivor of a merge
    Optional<String> known = customers.resolveExisting(customerId);
    if (known.isEmpty()) {
      return new LinkResult(
          null,
          0,
          List.of(
              UserError.of("UNKNOWN_CUSTOMER", "No customer has this id.", "input", "customerId")));
    }
    return transactions.execute(
        status -> {
          LinkResult result = link(known.get(), orderIds.stream().distinct().toList());
          if (!result.userErrors().isEmpty()) {
            status.setRollbackOnly();
          }
          return result;
        });
  }

  private LinkResult link(String customerId, List<String> orderIds) {
    Instant now = clock.instant();
    Instant oldest = now.minus(properties.guestLinkWindow());
    List<Order> toLink = new ArrayList<>();
    List<Order> linked = new ArrayList<>();
    for (int i = 0; i < orderIds.size(); i++) {
      String at = Integer.toString(i);
      Optional<Order> order = orders.lock(orderIds.get(i));
      if (order.isEmpty()) {
        return linkRefused("UNKNOWN_ORDER", "No order has id " + orderIds.get(i) + ".", at);
      }
      Order o = order.get();
      if (customerId.equals(o.customerId())) {
        linked.add(o); // linked before: a replay credits nothing again
      } else if (o.customerId() != null) {
        return linkRefused("NOT_A_GUEST_ORDER", "Order " + o.id() + " belongs to a customer.", at);
      } else if (o.placedAt().isBefore(oldest)) {
        return linkRefused(
            "OUTSIDE_LOOK_BACK_WINDOW",
            "Order "
                + o.id()
                + " is older than the "
                + properties.guestLinkWindow().toDays()
                + "-day window.",
            at);
      } else {
        toLink.add(o);
      }
    }
    EarningRules rules = earning.currentRules();
    long awarded = 0;
    for (Order o : toLink) {
      orders.link(o.id(), customerId, now);
      ledger.earn(customerId, "ORDER", o.id(), o.pointsLeft(), o.placedAt(), rules);
      awarded += o.pointsLeft();
      events.publishEvent(
          new OrderRecorded(o.id(), customerId, o.placedAt(), o.baseSpendLeft(), o.pointsLeft()));
      linked.add(orders.find(o.id()).orElseThrow());
    }
    return new LinkResult(linked, awarded, List.of());
  }

  private static LinkResult linkRefused(String code, String message, String index) {
    return new LinkResult(
        null, 0, List.of(UserError.of(code, message, "input", "orderIds", index)));
  }

  static OrderResult replay(Order existing, String hash) {
    if (!existing.contentHash().equals(hash)) {
      return OrderResult.refused(
          "IDEMPOTENCY_KEY_REUSED",
          "Order " + existing.id() + " was recorded with other content; nothing was changed.",
          "input",
          "id");
    }
    return new OrderResult(existing, List.of());
  }
}
