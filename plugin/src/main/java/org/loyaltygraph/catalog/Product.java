package org.loyaltygraph.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.loyaltygraph.graphql.StorefrontUpdatedAt;

/**
 * A product as the storefront last sent it. Price in minor units of {@code currency}. {@code
 * updatedAt} is this service's time of the last change; {@code storefrontUpdatedAt} the
 * storefront's own modification time of the product, the newest it sent (null while it sent none).
 */
public record Product(
    String sku,
    String name,
    String category,
    Long price,
    String currency,
    boolean inStock,
    List<String> tags,
    Instant updatedAt,
    Instant storefrontUpdatedAt) {

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

  /** Whether this stored product is newer than the update {@code sent}, which then is stale. */
  boolean newerThan(Product sent) {
    return StorefrontUpdatedAt.isNewer(storefrontUpdatedAt, sent.storefrontUpdatedAt);
  }

  /**
   * This stored product after the update {@code sent}, which is not stale: its content, {@code
   * updatedAt} moved to {@code now} only when the content changed, and the later storefront time.
   * Equal to this product when the update is a replay.
   */
  Product updatedBy(Product sent, Instant now) {
    // the same content keeps the stored one (its tags in their stored order) and its time
    boolean same = sameAs(sent);
    Product content = same ? this : sent;
    return new Product(
        sku,
        content.name,
        content.category,
        content.price,
        content.currency,
        content.inStock,
        content.tags,
        same ? updatedAt : now,
        StorefrontUpdatedAt.latest(storefrontUpdatedAt, sent.storefrontUpdatedAt));
  }
}
