package org.loyaltygraph.order;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.loyaltygraph.customer.CustomerService;
import org.loyaltygraph.graphql.UserError;
import org.loyaltygraph.points.EarningRules;
import org.loyaltygraph.points.EarningService;
import org.loyaltygraph.points.PointsCalculator;
import org.loyaltygraph.points.PointsLedger;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes checked orders in the caller's transaction: their receipts, lots, rows, tier activity and
 * events. Orders written together cost a fixed number of statements, whatever their number, which
 * is what lets {@link OrderBatcher} trade one transaction per order for one per batch.
 */
@Component
class OrderWriter {

  private final OrderRepository orders;
  private final CustomerService customers;
  private final EarningService earning;
  private final PointsLedger ledger;
  private final OrderRewards rewards;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  OrderWriter(
      OrderRepository orders,
      CustomerService customers,
      EarningService earning,
      PointsLedger ledger,
      OrderRewards rewards,
      ApplicationEventPublisher events,
      Clock clock) {
    this.orders = orders;
    this.customers = customers;
    this.earning = earning;
    this.ledger = ledger;
    this.rewards = rewards;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Writes new orders (ids not stored yet, or the primary key refuses the whole batch) and answers
   * each one's result, in order. An order for an unknown customer answers UNKNOWN_CUSTOMER and
   * writes nothing (the others are written). An order with reward codes is written alone: a refused
   * code answers its user errors and the caller rolls back. Written together (more than one), an
   * order whose customer's account or tier state another transaction holds answers null and writes
   * nothing: alone, it would wait for that lock, and so would every order written with it.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  List<OrderResult> write(List<PendingOrder> pending) {
    if (pending.size() > 1 && pending.stream().anyMatch(p -> !p.input().rewardCodes().isEmpty())) {
      throw new IllegalArgumentException("orders with reward codes are written alone");
    }
    // a customer merged into another answers as its survivor; an unknown one writes nothing
    Map<String, String> customerIds =
        customers.resolveExistingAll(
            pending.stream()
                .filter(p -> !p.input().isGuest())
                .map(p -> p.input().customerId())
                .collect(Collectors.toSet()));
    if (new HashSet<>(customerIds.values()).size() < customerIds.size()) {
      // two ids of one merged customer: its orders would not earn and count as they do alone
      throw new IllegalStateException("a batch holds two orders of one customer");
    }
    // the tier is read under the account lock, as the previous order of the customer left it
    Set<String> lockedElsewhere;
    Map<String, BigDecimal> tierMultipliers;
    if (pending.size() == 1) {
      ledger.lockAccounts(customerIds.values());
      lockedElsewhere = Set.of();
      tierMultipliers = earning.tierMultipliers(customerIds.values());
    } else {
      lockedElsewhere = new HashSet<>(ledger.lockAccountsUnlessHeld(customerIds.values()));
      Set<String> locked = new HashSet<>(customerIds.values());
      locked.removeAll(lockedElsewhere);
      // the tier evaluation job and a tier's deletion lock tier states without the accounts
      tierMultipliers = earning.tierMultipliersUnlessHeld(locked);
      locked.removeAll(tierMultipliers.keySet());
      lockedElsewhere.addAll(locked);
    }
    OrderResult[] results = new OrderResult[pending.size()];
    List<PendingOrder> writing = new ArrayList<>();
    List<Order> priced = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < pending.size(); i++) {
      PendingOrder p = pending.get(i);
      String customerId = p.input().isGuest() ? null : customerIds.get(p.input().customerId());
      if (!p.input().isGuest() && customerId == null) {
        results[i] =
            OrderResult.refused(
                "UNKNOWN_CUSTOMER",
                "No customer has this id; send it with customerUpsert first.",
                "input",
                "customerId");
        continue;
      }
      if (customerId != null && lockedElsewhere.contains(customerId)) {
        results[i] = null; // written alone, by the caller
        continue;
      }
      List<UserError> refused = consumeRewards(p);
      if (!refused.isEmpty()) {
        return List.of(new OrderResult(null, refused));
      }
      BigDecimal tier = customerId == null ? BigDecimal.ONE : tierMultipliers.get(customerId);
      writing.add(p);
      priced.add(price(p, customerId, tier));
      positions.add(i);
    }
    if (writing.isEmpty()) {
      return Arrays.asList(results);
    }
    earn(writing, priced);
    List<OrderRecorded> recorded = new ArrayList<>();
    for (int i = 0; i < priced.size(); i++) {
      Order o = priced.get(i);
      results[positions.get(i)] = new OrderResult(o, List.of());
      if (o.customerId() != null) {
        // guest orders keep their receipts; points and tier credit wait for guestOrdersLink
        recorded.add(
            new OrderRecorded(
                o.id(),
                o.customerId(),
                o.placedAt(),
                o.baseSubtotal(),
                o.pointsEarned(),
                writing.get(i).webhooks()));
      }
    }
    orders.insertAll(priced, clock.instant());
    if (recorded.size() == 1) {
      events.publishEvent(recorded.get(0));
    } else if (!recorded.isEmpty()) {
      events.publishEvent(new OrdersRecorded(recorded));
    }
    return Arrays.asList(results);
  }

  private List<UserError> consumeRewards(PendingOrder p) {
    OrderInput input = p.input();
    if (input.rewardCodes().isEmpty()) {
      return List.of();
    }
    long baseGoods =
        CurrencyConversion.toBase(
            input.goodsAfterDiscounts(), input.currency(), rate(p), p.rules().baseCurrency());
    return rewards.consume(input, baseGoods, p.rules().baseCurrency());
  }

  /** The order with its receipts. */
  private Order price(PendingOrder p, String customerId, BigDecimal tierMultiplier) {
    OrderInput input = p.input();
    EarningRules rules = p.rules();
    BigDecimal rate = rate(p);
    // the lines earn on what was paid after the rewards too
    OrderInput paid = input.lessRewards(p.deduction().offLines(), p.deduction().offShipping());
    List<EarningBase.LineBase> bases = EarningBase.of(paid, rules, rate);
    List<PointsCalculator.EarnableLine> earnable = new ArrayList<>();
    for (int i = 0; i < input.lines().size(); i++) {
      OrderInput.Line line = input.lines().get(i);
      earnable.add(
          new PointsCalculator.EarnableLine(
              line.lineId(), line.sku(), line.category(), bases.get(i).base()));
    }
    PointsCalculator.Earning earned = earning.quote(tierMultiplier, rules, earnable);
    List<OrderLine> lines = new ArrayList<>();
    long subtotal = 0;
    long baseSubtotal = 0;
    for (int i = 0; i < input.lines().size(); i++) {
      OrderInput.Line line = input.lines().get(i);
      EarningBase.LineBase lineBase = bases.get(i);
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
              lineBase.orderDiscount(),
              line.giftCard(),
              lineBase.paid(),
              receipt.baseAmount(),
              receipt.multiplier(),
              receipt.points(),
              0,
              0,
              0));
      subtotal += lineBase.paid();
      baseSubtotal += receipt.baseAmount();
    }
    return new Order(
        input.id(),
        customerId,
        input.placedAt(),
        input.currency(),
        rate,
        subtotal,
        baseSubtotal,
        input.orderDiscount(),
        input.shipping(),
        input.tax(),
        earned.ruleVersion(),
        earned.points(),
        p.hash(),
        lines,
        input.guestEmail(),
        p.deduction().total());
  }

  /** The lots of the customers' orders. */
  private void earn(List<PendingOrder> pending, List<Order> priced) {
    List<PointsLedger.Earning> earnings = new ArrayList<>();
    for (int i = 0; i < pending.size(); i++) {
      Order o = priced.get(i);
      if (o.customerId() != null) {
        earnings.add(
            new PointsLedger.Earning(
                o.customerId(), o.id(), o.pointsEarned(), o.placedAt(), pending.get(i).rules()));
      }
    }
    ledger.earnAll("ORDER", earnings);
  }

  private static BigDecimal rate(PendingOrder p) {
    return p.input().currency().equals(p.rules().baseCurrency()) ? null : p.input().exchangeRate();
  }

  /** An order checked and ready to write: valid, hashed, its rewards valued. */
  record PendingOrder(
      OrderInput input,
      String hash,
      EarningRules rules,
      OrderRewards.Deduction deduction,
      boolean webhooks) {}
}
