package org.loyaltygraph.customer;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import graphql.schema.DataFetchingEnvironment;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.loyaltygraph.graphql.UserError;
import org.loyaltygraph.schema.DgsConstants;
import org.loyaltygraph.schema.types.CustomerErrorCode;
import org.loyaltygraph.schema.types.CustomerMergeInput;
import org.loyaltygraph.schema.types.CustomerMergePayload;
import org.loyaltygraph.schema.types.CustomerProfile;
import org.loyaltygraph.schema.types.CustomerUpsertInput;
import org.loyaltygraph.schema.types.CustomerUpsertPayload;
import org.loyaltygraph.schema.types.CustomerUserError;
import org.loyaltygraph.security.Caller;
import org.loyaltygraph.security.CallerContext;
import org.loyaltygraph.system.LockConflictRetry;

/**
 * {@code customer}, {@code me} and {@code customerUpsert}. A Customer object carries only its id;
 * {@code profile} and {@code loyalty} are resolved per field, batched.
 */
@DgsComponent
class CustomerDataFetcher {

  private final CustomerService customers;

  CustomerDataFetcher(CustomerService customers) {
    this.customers = customers;
  }

  @DgsQuery
  org.loyaltygraph.schema.types.Customer customer(DataFetchingEnvironment env) {
    // the storefront's hottest read: its one argument taken as graphql-java coerced it, without
    // DGS's argument conversion (reflection on every call, about 4 µs a request)
    String id = env.getArgument(DgsConstants.QUERY.CUSTOMER_INPUT_ARGUMENT.Id);
    // existence only: the profile, when asked for, comes through the batched loader
    return customers.lookUp(id).map(CustomerDataFetcher::reference).orElse(null);
  }

  @DgsMutation
  CustomerMergePayload customerMerge(@InputArgument CustomerMergeInput input) {
    // a merge locks two ledgers: a deadlock with an order of either customer runs it again
    CustomerResult result =
        LockConflictRetry.run(() -> customers.merge(input.getSurvivorId(), input.getMergedId()));
    return CustomerMergePayload.newBuilder()
        .customer(result.customer() == null ? null : reference(result.customer().id()))
        .userErrors(result.userErrors().stream().map(CustomerDataFetcher::toGraphQL).toList())
        .build();
  }

  @DgsQuery
  org.loyaltygraph.schema.types.Customer me(DataFetchingEnvironment env) {
    Caller caller = CallerContext.of(env);
    return caller.customerId() == null ? null : reference(caller.customerId());
  }

  @DgsData(parentType = "Customer", field = "profile")
  CompletableFuture<CustomerProfile> profile(DataFetchingEnvironment env) {
    org.loyaltygraph.schema.types.Customer customer = env.getSource();
    DataLoader<String, Customer> loader = env.getDataLoader(CustomerDataLoader.NAME);
    return loader.load(customer.getId()).thenApply(c -> c == null ? null : profile(c));
  }

  @DgsMutation
  CustomerUpsertPayload customerUpsert(@InputArgument CustomerUpsertInput input) {
    CustomerUpsert upsert =
        new CustomerUpsert(
            input.getId(),
            input.getEmail(),
            input.getFirstName(),
            input.getLastName(),
            input.getTimeZone(),
            input.getUpdatedAt() == null ? null : input.getUpdatedAt().toInstant());
    // a deadlock victim (or a Galera certification conflict) runs again, whole
    CustomerResult result = LockConflictRetry.run(() -> customers.upsert(upsert));
    return CustomerUpsertPayload.newBuilder()
        .customer(result.customer() == null ? null : reference(result.customer().id()))
        .stale(result.stale())
        .userErrors(result.userErrors().stream().map(CustomerDataFetcher::toGraphQL).toList())
        .build();
  }

  static org.loyaltygraph.schema.types.Customer reference(String id) {
    return org.loyaltygraph.schema.types.Customer.newBuilder().id(id).build();
  }

  static CustomerProfile profile(Customer c) {
    return CustomerProfile.newBuilder()
        .email(c.email())
        .firstName(c.firstName())
        .lastName(c.lastName())
        .timeZone(c.timeZone())
        .createdAt(c.createdAt().atOffset(ZoneOffset.UTC))
        .updatedAt(c.updatedAt().atOffset(ZoneOffset.UTC))
        .storefrontUpdatedAt(
            c.storefrontUpdatedAt() == null
                ? null
                : c.storefrontUpdatedAt().atOffset(ZoneOffset.UTC))
        .build();
  }

  private static CustomerUserError toGraphQL(UserError e) {
    return CustomerUserError.newBuilder()
        .field(e.field())
        .message(e.message())
        .code(CustomerErrorCode.valueOf(e.code()))
        .build();
  }
}
