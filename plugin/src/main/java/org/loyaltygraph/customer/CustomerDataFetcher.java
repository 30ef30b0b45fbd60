package org.loyaltygraph.customer;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import java.time.ZoneOffset;
import org.loyaltygraph.graphql.UserError;
import org.loyaltygraph.schema.types.CustomerErrorCode;
import org.loyaltygraph.schema.types.CustomerProfile;
import org.loyaltygraph.schema.types.CustomerUpsertInput;
import org.loyaltygraph.schema.types.CustomerUpsertPayload;
import org.loyaltygraph.schema.types.CustomerUserError;

/** {@code customer} and {@code customerUpsert}: arguments in, one service call, types out. */
@DgsComponent
class CustomerDataFetcher {

  private final CustomerService customers;

  CustomerDataFetcher(CustomerService customers) {
    this.customers = customers;
  }

  @DgsQuery
  org.loyaltygraph.schema.types.Customer customer(@InputArgument String id) {
    return customers.find(id).map(CustomerDataFetcher::toGraphQL).orElse(null);
  }

  @DgsMutation
  CustomerUpsertPayload customerUpsert(@InputArgument CustomerUpsertInput input) {
    CustomerResult result =
        customers.upsert(
            new CustomerUpsert(
                input.getId(),
                input.getEmail(),
                input.getFirstName(),
                input.getLastName(),
                input.getTimeZone()));
    return CustomerUpsertPayload.newBuilder()
        .customer(result.customer() == null ? null : toGraphQL(result.customer()))
        .userErrors(result.userErrors().stream().map(CustomerDataFetcher::toGraphQL).toList())
        .build();
  }

  static org.loyaltygraph.schema.types.Customer toGraphQL(Customer c) {
    return org.loyaltygraph.schema.types.Customer.newBuilder()
        .id(c.id())
        .profile(profile(c))
        .build();
  }

  static CustomerProfile profile(Customer c) {
    return CustomerProfile.newBuilder()
        .email(c.email())
        .firstName(c.firstName())
        .lastName(c.lastName())
        .timeZone(c.timeZone())
        .createdAt(c.createdAt().atOffset(ZoneOffset.UTC))
        .updatedAt(c.updatedAt().atOffset(ZoneOffset.UTC))
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
