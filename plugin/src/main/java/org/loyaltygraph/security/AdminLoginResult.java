package org.loyaltygraph.security;

import java.time.Instant;
import java.util.List;
import org.loyaltygraph.graphql.UserError;

/** A session token (shown this once) for the admin, or why the login was refused. */
public record AdminLoginResult(
    String token, Instant expiresAt, AdminUser admin, List<UserError> userErrors) {

  static AdminLoginResult refused(UserError error) {
    return new AdminLoginResult(null, null, null, List.of(error));
  }

  @Override
  public String toString() {
    return "AdminLoginResult[admin=" + admin + ", userErrors=" + userErrors + "]";
  }
}
