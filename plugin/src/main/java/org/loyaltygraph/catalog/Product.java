package org.loyaltygraph.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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

  /** The same product, whenever each was stored (tags in any order). */
  boolean sameAs(Product other) {
    return sku.equals(other.sku)
        && Objects.equals(name, other.name)
        && Objects.equals(category, other.category)
        && Objects.equals(price, other.price)
        && Objects.equals(currency, other.currency)
        && inStock == other.inStock
        && Set.copyOf(tags).equals(Set.copyOf(other.tags));
  }
}
