package org.loyaltygraph.order;

import java.util.List;
import org.loyaltygraph.graphql.UserError;

/** The recorded order (also on a replay), or why it was refused. */
public record OrderResult(Order order, List<UserError> userErrors) {

  static OrderResult refused(String code, String message, String... field) {
    return new OrderResult(null, List.of(UserError.of(code, message, field)));
  }
}
