package org.loyaltygraph.customer;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import graphql.schema.DataFetchingEnvironment;
import java.util.Map;
import org.loyaltygraph.security.AccessDeniedException;
import org.loyaltygraph.security.CallerContext;

/**
 * The supergraph router resolves {@code Customer} entities here. A shopper's token reaches its own
 * entity only; an id we were never sent still answers, with empty loyalty. Public, because DGS
 * invokes entity fetchers reflectively.
 */
@DgsComponent
public class CustomerEntityFetcher {

  @DgsEntityFetcher(name = "Customer")
  public org.loyaltygraph.schema.types.Customer customer(
      Map<String, Object> values, DataFetchingEnvironment env) {
    String id = String.valueOf(values.get("id"));
    if (!CallerContext.of(env).mayActFor(id)) {
      throw new AccessDeniedException(true, "Customer entity");
    }
    return CustomerDataFetcher.reference(id);
  }
}
