package org.loyaltygraph.customer;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dataloader.MappedBatchLoader;

/** Batches customer profile reads by id. */
@DgsDataLoader(name = CustomerDataLoader.NAME)
class CustomerDataLoader implements MappedBatchLoader<String, Customer> {

  static final String NAME = "customers";

  private final CustomerService customers;

  CustomerDataLoader(CustomerService customers) {
    this.customers = customers;
  }

  @Override
  public CompletionStage<Map<String, Customer>> load(Set<String> ids) {
    return CompletableFuture.completedFuture(
        customers.findAll(ids).stream()
            .collect(Collectors.toMap(Customer::id, Function.identity())));
  }
}
