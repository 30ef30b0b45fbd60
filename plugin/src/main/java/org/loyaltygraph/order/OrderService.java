package org.loyaltygraph.order;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.loyaltygraph.customer.CustomerService;
import org.loyaltygraph.graphql.UserError;
import org.loyaltygraph.points.EarningRules;
import org.loyaltygraph.points.EarningService;
import org.loyaltygraph.points.PointsCalculator;
import org.loyaltygraph.points.PointsLedger;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records orders from the storefront, exactly once per order id: a replay answers the first result,
 * the same id with other content is refused, and concurrent copies race on the primary key, which
 * only one wins.
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

  OrderService(
      OrderRepository orders,
      CustomerService customers,
      EarningService earning,
      PointsLedger ledger,
      ApplicationEventPublisher events,
      TransactionTemplate transactions,
      Clock clock) {
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
    EarningRules rules = earning.currentRules();
    List<UserError> errors = OrderValidation.check(input, rules.baseCurrency());
    if (!errors.isEmpty()) {
      return new OrderResult(null, errors);
    }
    String hash = ContentHash.of(input.canonical());
    Optional<Order> existing = orders.find(input.id());
    if (existing.isPresent()) {
      return replay(existing.get(), hash);
    }
    if (!customers.exists(input.customerId())) {
      return OrderResult.refused(
          "UNKNOWN_CUSTOMER",
          "No customer has this id; send it with customerUpsert first.",
          "input",
          "customerId");
    }
    try {
      return transactions.execute(status -> recordNew(input, hash, rules));
    } catch (DuplicateKeyException raced) {
      // another copy of this order committed first: answer as a replay of it
      return replay(orders.find(input.id()).orElseThrow(() -> raced), hash);
    }
  }

  private OrderResult recordNew(OrderInput input, String hash, EarningRules rules) {
    BigDecimal rate = input.currency().equals(rules.baseCurrency()) ? null : input.exchangeRate();
    List<PointsCalculator.EarnableLine> earnable = new ArrayList<>();
    for (OrderInput.Line line : input.lines()) {
      long base =
          CurrencyConversion.toBase(line.paid(), input.currency(), rate, rules.baseCurrency());
      earnable.add(
          new PointsCalculator.EarnableLine(line.lineId(), line.sku(), line.category(), base));
    }
    PointsCalculator.Earning earned = earning.quote(input.customerId(), rules, earnable);
    List<OrderLine> lines = new ArrayList<>();
    long subtotal = 0;
    long baseSubtotal = 0;
    for (int i = 0; i < input.lines().size(); i++) {
      OrderInput.Line line = input.lines().get(i);
      PointsCalculator.LineEarning receipt = earned.lines().get(i);
      lines.add(
          new OrderLine(
              i,
              line.lineId(),
              line.sku(),
              line.category(),
              line.quantity(),
              line.unitPrice(),
              line.discount(),
              line.paid(),
              receipt.baseAmount(),
              receipt.multiplier(),
              receipt.points(),
              0,
              0,
              0));
      subtotal += line.paid();
      baseSubtotal += receipt.baseAmount();
    }
    Order order =
        new Order(
            input.id(),
            input.customerId(),
            input.placedAt(),
            input.currency(),
            rate,
            subtotal,
            baseSubtotal,
            earned.ruleVersion(),
            earned.points(),
            null,
            hash,
            lines);
    orders.insert(order, clock.instant());
    Long lotId =
        ledger.earn(
            input.customerId(), "ORDER", input.id(), earned.points(), input.placedAt(), rules);
    if (lotId != null) {
      orders.setLot(input.id(), lotId);
    }
    events.publishEvent(
        new OrderRecorded(
            input.id(), input.customerId(), input.placedAt(), baseSubtotal, earned.points()));
    return new OrderResult(orders.find(input.id()).orElseThrow(), List.of());
  }

  private static OrderResult replay(Order existing, String hash) {
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
