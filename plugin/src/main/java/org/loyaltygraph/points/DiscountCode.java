package org.loyaltygraph.points;

import java.time.Instant;

/** A single-use code issued for a redemption, consumed by the storefront at checkout. */
public record DiscountCode(
    String code,
    String customerId,
    String rewardId,
    Status status,
    Instant issuedAt,
    Instant consumedAt,
    String consumedOrderId) {

  /** ISSUED until consumed. */
  public enum Status {
    ISSUED,
    CONSUMED,
    RESTORED
  }
}
