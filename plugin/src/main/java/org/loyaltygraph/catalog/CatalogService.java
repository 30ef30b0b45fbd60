package org.loyaltygraph.catalog;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.loyaltygraph.graphql.UserError;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The storefront's catalogue. Prices and stock change, so a product sent again with other content
 * updates it (the latest call wins); the same product again is a replay that writes nothing.
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

  /** The stored product, or why the input was refused (then nothing was written). */
  public record ProductResult(Product product, List<UserError> userErrors) {}

  @Transactional
  public ProductResult upsert(Product input) {
    List<UserError> errors = validate(input);
    if (!errors.isEmpty()) {
      return new ProductResult(null, errors);
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
            clock.instant());
    Optional<Product> stored = products.find(sent.sku());
    if (stored.isPresent() && stored.get().sameAs(sent)) {
      return new ProductResult(stored.get(), List.of()); // a replay writes nothing
    }
    products.upsert(sent, clock.instant());
    return new ProductResult(products.find(sent.sku()).orElseThrow(), List.of());
  }

  private static List<UserError> validate(Product p) {
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
