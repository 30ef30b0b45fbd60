package org.loyaltygraph.customer;

import java.util.List;
import org.loyaltygraph.graphql.UserError;

/** A customer write's outcome: the customer, or the reasons it was refused. */
public record CustomerResult(Customer customer, List<UserError> userErrors) {

  static CustomerResult ok(Customer customer) {
    return new CustomerResult(customer, List.of());
  }

  static CustomerResult refused(List<UserError> errors) {
    return new CustomerResult(null, errors);
  }
}
