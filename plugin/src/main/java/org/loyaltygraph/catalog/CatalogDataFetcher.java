package org.loyaltygraph.catalog;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import java.time.ZoneOffset;
import java.util.List;
import org.loyaltygraph.schema.types.CatalogErrorCode;
import org.loyaltygraph.schema.types.CatalogUserError;
import org.loyaltygraph.schema.types.Money;
import org.loyaltygraph.schema.types.ProductUpsertInput;
import org.loyaltygraph.schema.types.ProductUpsertPayload;
import org.loyaltygraph.system.LockConflictRetry;

/** {@code product} and {@code productUpsert}. */
@DgsComponent
class CatalogDataFetcher {

  private final CatalogService catalog;

  CatalogDataFetcher(CatalogService catalog) {
    this.catalog = catalog;
  }

  @DgsQuery
  org.loyaltygraph.schema.types.Product product(@InputArgument String sku) {
    return catalog.find(sku).map(CatalogDataFetcher::toGraphQL).orElse(null);
  }

  @DgsMutation
  ProductUpsertPayload productUpsert(@InputArgument ProductUpsertInput input) {
    Product sent =
        new Product(
            input.getSku(),
            input.getName(),
            input.getCategory(),
            input.getPrice() == null ? null : input.getPrice().getAmount(),
            input.getPrice() == null ? null : input.getPrice().getCurrency(),
            Boolean.TRUE.equals(input.getInStock()),
            input.getTags() == null ? List.of() : input.getTags(),
            null,
            input.getUpdatedAt() == null ? null : input.getUpdatedAt().toInstant());
    // a deadlock victim (or a Galera certification conflict) runs again, whole
    CatalogService.ProductResult result = LockConflictRetry.run(() -> catalog.upsert(sent));
    return ProductUpsertPayload.newBuilder()
        .product(result.product() == null ? null : toGraphQL(result.product()))
        .stale(result.stale())
        .userErrors(
            result.userErrors().stream()
                .map(
                    e ->
                        CatalogUserError.newBuilder()
                            .field(e.field())
                            .message(e.message())
                            .code(CatalogErrorCode.valueOf(e.code()))
                            .build())
                .toList())
        .build();
  }

  private static org.loyaltygraph.schema.types.Product toGraphQL(Product p) {
    return org.loyaltygraph.schema.types.Product.newBuilder()
        .sku(p.sku())
        .name(p.name())
        .category(p.category())
        .price(
            p.price() == null
                ? null
                : Money.newBuilder().amount(p.price()).currency(p.currency()).build())
        .inStock(p.inStock())
        .tags(p.tags())
        .updatedAt(p.updatedAt().atOffset(ZoneOffset.UTC))
        .storefrontUpdatedAt(
            p.storefrontUpdatedAt() == null
                ? null
                : p.storefrontUpdatedAt().atOffset(ZoneOffset.UTC))
        .build();
  }
}
