package org.loyaltygraph.catalog;

import java.time.Instant;
import java.util.List;

/** A product as the storefront last sent it. Price in minor units of {@code currency}. */
public record Product(
    String sku,
    String name,
    String category,
    Long price,
    String currency,
    boolean inStock,
    List<String> tags,
    Instant updatedAt) {

  public Product {
    tags = List.copyOf(tags);
  }
}
