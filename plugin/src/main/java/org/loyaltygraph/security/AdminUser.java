package org.loyaltygraph.security;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** An admin of the admin UI: the e-mail (lower-cased) is the login, the password a BCrypt hash. */
@Table("admin_user")
public record AdminUser(
    @Id String id, String email, String passwordHash, Role role, Instant createdAt) {

  @Override
  public String toString() {
    return "AdminUser[id=" + id + ", email=" + email + ", role=" + role + "]";
  }
}
