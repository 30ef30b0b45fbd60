package org.loyaltygraph.tier;

import org.loyaltygraph.customer.CustomersMerged;
import org.loyaltygraph.order.OrderRecorded;
import org.loyaltygraph.order.OrderRefunded;
import org.loyaltygraph.order.OrdersRecorded;
import org.loyaltygraph.points.OpeningBalanceImported;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Hears orders and refunds synchronously, inside the order feature's transaction: an order is never
 * stored without counting towards its customer's tier, nor counted without being stored.
 */
@Component
class TierActivityListener {

  private final TierService tiers;

  TierActivityListener(TierService tiers) {
    this.tiers = tiers;
  }

  @EventListener
  void on(OrderRecorded order) {
    tiers.recordOrder(order);
  }

  @EventListener
  void on(OrdersRecorded orders) {
    tiers.recordOrders(orders.orders());
  }

  @EventListener
  void on(OrderRefunded refund) {
    tiers.recordRefund(refund);
  }

  @EventListener
  void on(OpeningBalanceImported opening) {
    tiers.recordOpeningBalance(opening);
  }

  @EventListener
  @Order(30) // under the points accounts the merge locked first (see CustomersMerged)
  void on(CustomersMerged merge) {
    tiers.merge(merge.survivorId(), merge.mergedId());
  }
}
