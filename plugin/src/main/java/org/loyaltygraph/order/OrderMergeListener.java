package org.loyaltygraph.order;

import org.loyaltygraph.customer.CustomersMerged;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Moves a merged customer's orders and refunds to the survivor, in the merge's transaction. */
@Component
class OrderMergeListener {

  private final OrderRepository orders;

  OrderMergeListener(OrderRepository orders) {
    this.orders = orders;
  }

  @EventListener
  @Order(10) // before the points account and the tier state (see CustomersMerged)
  void on(CustomersMerged merge) {
    orders.reassign(merge.mergedId(), merge.survivorId());
  }
}
