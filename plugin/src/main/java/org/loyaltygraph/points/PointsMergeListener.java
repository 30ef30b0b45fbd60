package org.loyaltygraph.points;

import org.loyaltygraph.customer.CustomersMerged;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Moves a merged customer's points and discount codes to the survivor, in the merge's transaction.
 */
@Component
class PointsMergeListener {

  private final PointsLedger ledger;
  private final DiscountCodeRepository codes;

  PointsMergeListener(PointsLedger ledger, DiscountCodeRepository codes) {
    this.ledger = ledger;
    this.codes = codes;
  }

  @EventListener
  @Order(20) // after the orders, before the tier state (see CustomersMerged)
  void on(CustomersMerged merge) {
    ledger.merge(merge.survivorId(), merge.mergedId());
    // redemption and adjustment rows stay: they are the merged customer's idempotency records
    codes.reassign(merge.mergedId(), merge.survivorId());
  }
}
