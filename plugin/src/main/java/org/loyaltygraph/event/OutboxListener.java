package org.loyaltygraph.event;

import java.util.List;
import org.loyaltygraph.customer.CustomersMerged;
import org.loyaltygraph.order.OrderRecorded;
import org.loyaltygraph.order.OrderRefunded;
import org.loyaltygraph.order.OrdersRecorded;
import org.loyaltygraph.tier.TierChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Hears the features' application events, which they publish synchronously inside the transaction
 * of the change, and writes the matching outbox event in that same transaction. Each listener is
 * one INSERT (one for all the orders written together): orderRecord's throughput depends on it. An
 * event marked {@code webhooks = false} (a bulk import of past data that did not ask for events)
 * writes nothing: the storefront's receivers are not flooded with years of history.
 */
@Component
class OutboxListener {

  private final Outbox outbox;

  OutboxListener(Outbox outbox) {
    this.outbox = outbox;
  }

  @EventListener
  void on(OrderRecorded order) {
    on(new OrdersRecorded(List.of(order)));
  }

  @EventListener
  void on(OrdersRecorded orders) {
    outbox.writeAll(
        orders.orders().stream()
            .filter(order -> order.webhooks() && order.points() > 0)
            .map(
                order ->
                    new Outbox.Draft(
                        EventType.POINTS_EARNED,
                        order.customerId(),
                        OutboxPayloads.of(
                            "orderId", order.orderId(),
                            "points", order.points(),
                            "placedAt", order.placedAt().toString()),
                        "points.earned:" + order.orderId()))
            .toList());
  }

  @EventListener
  void on(OrderRefunded refund) {
    if (refund.pointsTakenBack() <= 0) {
      return;
    }
    outbox.write(
        EventType.POINTS_REVERSED,
        refund.customerId(),
        OutboxPayloads.of(
            "refundId", refund.refundId(),
            "orderId", refund.orderId(),
            "points", refund.pointsTakenBack(),
            "refundedAt", refund.refundedAt().toString()),
        "points.reversed:" + refund.refundId());
  }

  @EventListener
  void on(TierChanged change) {
    if (!change.webhooks()) {
      return;
    }
    outbox.write(
        EventType.TIER_CHANGED,
        change.customerId(),
        OutboxPayloads.of(
            "fromTierId", change.fromTierId(),
            "toTierId", change.toTierId(),
            "reason", change.reason()),
        null); // a customer may move between the same tiers again
  }

  @EventListener
  void on(CustomersMerged merge) {
    outbox.write(
        EventType.CUSTOMER_MERGED,
        merge.survivorId(),
        OutboxPayloads.of("survivorId", merge.survivorId(), "mergedId", merge.mergedId()),
        null); // published once per merge; an id may be reused and merged again later
  }
}
