package org.loyaltygraph.catalog;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.loyaltygraph.graphql.StorefrontUpdatedAt;
import org.loyaltygraph.graphql.UserError;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The storefront's catalogue. Prices and stock change, so a product sent again with other content
 * updates it (the latest call wins, unless the storefront's time says the call is older than what
 * is stored); the same product again is a replay that writes nothing.
 */
@Service
public class CatalogService {

  private final ProductRepository products;
  private final Clock clock;

  CatalogService(ProductRepository products, Clock clock) {
    this.products = products;
    this.clock = clock;
  }

  public Optional<Product> find(String sku) {
    return products.find(sku);
  }

  /**
   * The stored product, or why the input was refused (then nothing was written); {@code stale} when
   * the input was older than the stored product by the storefront's time, so nothing was written
   * and {@code product} is the stored one.
   */
  public record ProductResult(Product product, List<UserError> userErrors, boolean stale) {

    static ProductResult stored(Product product) {
      return new ProductResult(product, List.of(), false);
    }
  }

  /**
   * Stores the storefront's current product. An update carrying the storefront's {@code
   * storefrontUpdatedAt} older than the stored one arrived out of order: it writes nothing and
   * answers the stored product as stale. The decision is taken under the product's row lock, so
   * concurrent upserts of one SKU leave the newest stored whatever order they run in.
   */
  @Transactional
  public ProductResult upsert(Product input) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    List<UserError> errors = validate(input, now);
    if (!errors.isEmpty()) {
      return new ProductResult(null, errors, false);
    }
    List<String> tags = input.tags().stream().map(String::trim).distinct().toList();
    Product sent =
        new Product(
            input.sku().trim(),
            input.name(),
            input.category(),
            input.price(),
            input.currency(),
            input.inStock(),
            tags,
            now,
            StorefrontUpdatedAt.of(input.storefrontUpdatedAt()));
    // without a lock first: a stored time only moves forward, so a stale update or a replay seen
    // here is one for good, and both write nothing
    Optional<Product> seen = products.find(sent.sku());
    if (seen.isPresent()) {
      if (seen.get().newerThan(sent)) {
        return new ProductResult(seen.get(), List.of(), true);
      }
      if (seen.get().updatedBy(sent, now).equals(seen.get())) {
        return ProductResult.stored(seen.get()); // a replay writes nothing
      }
    }
    products.insertOrLock(sent);
    Product stored = products.findForUpdate(sent.sku()).orElseThrow();
    if (stored.newerThan(sent)) {
      return new ProductResult(stored, List.of(), true);
    }
    Product updated = stored.updatedBy(sent, now);
    if (updated.equals(stored)) {
      return ProductResult.stored(stored); // inserted without tags just now, or a replay
    }
    products.update(updated);
    return ProductResult.stored(products.findForUpdate(sent.sku()).orElseThrow());
  }

  private static List<UserError> validate(Product p, Instant now) {
    List<UserError> errors = new ArrayList<>();
    if (p.sku() == null || p.sku().isBlank()) {
      errors.add(UserError.of("REQUIRED", "sku is required.", "input", "sku"));
    } else if (p.sku().trim().length() > 128) {
      errors.add(UserError.of("INVALID", "sku has at most 128 characters.", "input", "sku"));
    }
    if (p.name() != null && p.name().length() > 300) {
      errors.add(UserError.of("INVALID", "name has at most 300 characters.", "input", "name"));
    }
    if (p.category() != null && p.category().length() > 128) {
      errors.add(
          UserError.of("INVALID", "category has at most 128 characters.", "input", "category"));
    }
    if (p.price() != null) {
      if (p.price() < 0) {
        errors.add(UserError.of("INVALID", "price is not negative.", "input", "price", "amount"));
      }
      if (!isIso(p.currency())) {
        errors.add(
            UserError.of(
                "UNKNOWN_CURRENCY",
                "currency must be an ISO-4217 code.",
                "input",
                "price",
                "currency"));
      }
    }
    if (p.tags().size() > 50) {
      errors.add(UserError.of("INVALID", "At most 50 tags.", "input", "tags"));
    }
    for (String tag : new LinkedHashSet<>(p.tags())) {
      if (tag == null || tag.isBlank() || tag.trim().length() > 64) {
        errors.add(UserError.of("INVALID", "A tag has 1 to 64 characters.", "input", "tags"));
        break;
      }
    }
    StorefrontUpdatedAt.check(p.storefrontUpdatedAt(), now, "input", "updatedAt")
        .ifPresent(errors::add);
    return errors;
  }

  private static boolean isIso(String code) {
    if (code == null || code.length() != 3) {
      return false;
    }
    try {
      return Currency.getInstance(code).getCurrencyCode().equals(code);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
