package org.loyaltygraph.order;

import java.util.List;
import org.loyaltygraph.graphql.UserError;

/** The recorded refund (also on a replay), or why it was refused. */
public record RefundResult(Refund refund, List<UserError> userErrors) {

  static RefundResult refused(String code, String message, String... field) {
    return new RefundResult(null, List.of(UserError.of(code, message, field)));
  }
}
