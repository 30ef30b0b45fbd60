package org.loyaltygraph.order;

import java.util.List;

/**
 * Published once inside the transaction that writes several orders together (instead of an {@link
 * OrderRecorded} each), so listeners can apply them in a fixed number of statements.
 */
public record OrdersRecorded(List<OrderRecorded> orders) {}
