package org.loyaltygraph.catalog;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ProductRepository {

  private final JdbcClient jdbc;

  ProductRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Product> find(String sku) {
    List<String> tags =
        jdbc.sql("SELECT tag FROM product_tag WHERE sku = ? ORDER BY tag")
            .param(sku)
            .query(String.class)
            .list();
    return jdbc.sql(
            "SELECT sku, name, category, price, currency, in_stock, updated_at FROM product WHERE sku = ?")
        .param(sku)
        .query(
            (rs, n) ->
                new Product(
                    rs.getString("sku"),
                    rs.getString("name"),
                    rs.getString("category"),
                    (Long) rs.getObject("price", Long.class),
                    rs.getString("currency"),
                    rs.getBoolean("in_stock"),
                    tags,
                    rs.getTimestamp("updated_at").toInstant()))
        .optional();
  }

  /** Inserts or replaces the product and its tags; the caller's transaction makes it atomic. */
  void upsert(Product p, Instant now) {
    jdbc.sql(
            "INSERT INTO product (sku, name, category, price, currency, in_stock, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                + " name = VALUES(name), category = VALUES(category), price = VALUES(price),"
                + " currency = VALUES(currency), in_stock = VALUES(in_stock),"
                + " updated_at = VALUES(updated_at)")
        .params(
            p.sku(),
            p.name(),
            p.category(),
            p.price(),
            p.currency(),
            p.inStock(),
            Timestamp.from(now),
            Timestamp.from(now))
        .update();
    jdbc.sql("DELETE FROM product_tag WHERE sku = ?").param(p.sku()).update();
    for (String tag : p.tags()) {
      jdbc.sql("INSERT INTO product_tag (sku, tag) VALUES (?, ?)").params(p.sku(), tag).update();
    }
  }
}
