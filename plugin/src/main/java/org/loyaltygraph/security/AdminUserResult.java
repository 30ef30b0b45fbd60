package org.loyaltygraph.security;

import java.util.List;
import org.loyaltygraph.graphql.UserError;

/** The admin created, or why not. */
public record AdminUserResult(AdminUser admin, List<UserError> userErrors) {

  static AdminUserResult ok(AdminUser admin) {
    return new AdminUserResult(admin, List.of());
  }

  static AdminUserResult refused(List<UserError> errors) {
    return new AdminUserResult(null, List.copyOf(errors));
  }
}
