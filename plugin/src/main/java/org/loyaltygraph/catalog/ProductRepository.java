package org.loyaltygraph.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.loyaltygraph.graphql.StorefrontUpdatedAt;
import org.loyaltygraph.system.SqlTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ProductRepository {

  private static final String COLUMNS =
      "sku, name, category, price, currency, in_stock, updated_at, storefront_updated_at";

  private final JdbcClient jdbc;

  ProductRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Product> find(String sku) {
    return find(sku, "");
  }

  /**
   * The product as committed last, read under the lock of its row and tags, whatever the isolation
   * level; only a caller that holds the row lock ({@link #insertOrLock}) writes the tags of a SKU,
   * so they belong with the row read.
   */
  Optional<Product> findForUpdate(String sku) {
    return find(sku, " FOR UPDATE");
  }

  private Optional<Product> find(String sku, String lock) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM product WHERE sku = ?" + lock)
        .param(sku)
        .query((rs, n) -> map(rs))
        .optional()
        .map(
            row -> {
              List<String> tags =
                  jdbc.sql("SELECT tag FROM product_tag WHERE sku = ? ORDER BY tag" + lock)
                      .param(sku)
                      .query(String.class)
                      .list();
              return new Product(
                  row.sku(),
                  row.name(),
                  row.category(),
                  row.price(),
                  row.currency(),
                  row.inStock(),
                  tags,
                  row.updatedAt(),
                  row.storefrontUpdatedAt());
            });
  }

  /**
   * Locks the product's row until the transaction ends, inserting {@code p} (without its tags)
   * first when the SKU is new: an existing row is left as it is. Concurrent upserts of one SKU then
   * run one after the other, whether the row existed or not.
   */
  void insertOrLock(Product p) {
    jdbc.sql(
            "INSERT INTO product (sku, name, category, price, currency, in_stock, created_at,"
                + " updated_at, storefront_updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                // the duplicate's exclusive lock is the point; sku = sku changes nothing
                + " ON DUPLICATE KEY UPDATE sku = sku")
        .params(
            p.sku(),
            p.name(),
            p.category(),
            p.price(),
            p.currency(),
            p.inStock(),
            SqlTimes.of(p.updatedAt()),
            SqlTimes.of(p.updatedAt()),
            StorefrontUpdatedAt.toDatetime6(p.storefrontUpdatedAt()))
        .update();
  }

  /** Writes the content, times and tags of a locked row; {@code created_at} keeps its value. */
  void update(Product p) {
    jdbc.sql(
            "UPDATE product SET name = ?, category = ?, price = ?, currency = ?, in_stock = ?,"
                + " updated_at = ?, storefront_updated_at = ? WHERE sku = ?")
        .params(
            p.name(),
            p.category(),
            p.price(),
            p.currency(),
            p.inStock(),
            SqlTimes.of(p.updatedAt()),
            StorefrontUpdatedAt.toDatetime6(p.storefrontUpdatedAt()),
            p.sku())
        .update();
    jdbc.sql("DELETE FROM product_tag WHERE sku = ?").param(p.sku()).update();
    for (String tag : p.tags()) {
      jdbc.sql("INSERT INTO product_tag (sku, tag) VALUES (?, ?)").params(p.sku(), tag).update();
    }
  }

  private static Product map(ResultSet rs) throws SQLException {
    return new Product(
        rs.getString("sku"),
        rs.getString("name"),
        rs.getString("category"),
        (Long) rs.getObject("price", Long.class),
        rs.getString("currency"),
        rs.getBoolean("in_stock"),
        List.of(),
        SqlTimes.instant(rs, "updated_at"),
        SqlTimes.instant(rs, "storefront_updated_at"));
  }
}
