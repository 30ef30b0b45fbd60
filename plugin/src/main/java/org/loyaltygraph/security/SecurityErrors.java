package org.loyaltygraph.security;

import java.util.List;
import org.loyaltygraph.graphql.UserError;
import org.loyaltygraph.schema.types.SecurityErrorCode;
import org.loyaltygraph.schema.types.SecurityUserError;

/** Maps user errors to this feature's GraphQL type, at the edge. */
final class SecurityErrors {

  private SecurityErrors() {}

  static List<SecurityUserError> toGraphQL(List<UserError> errors) {
    return errors.stream()
        .map(
            e ->
                SecurityUserError.newBuilder()
                    .field(e.field())
                    .message(e.message())
                    .code(SecurityErrorCode.valueOf(e.code()))
                    .build())
        .toList();
  }
}
