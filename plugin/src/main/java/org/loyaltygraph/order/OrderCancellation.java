package org.loyaltygraph.order;

import java.time.Instant;

/**
 * An order canceled by the storefront; {@code refundId} names the refund that took back what was
 * left, or is null when refunds had already taken everything.
 */
public record OrderCancellation(
    String orderId, Instant canceledAt, String reason, String refundId, String contentHash) {}
