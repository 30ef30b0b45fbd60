package org.loyaltygraph.security;

import java.time.Instant;

/** An admin of the admin UI: the e-mail (lower-cased) is the login, the password a BCrypt hash. */
public record AdminUser(
    String id, String email, String passwordHash, Role role, Instant createdAt) {

  @Override
  public String toString() {
    return "AdminUser[id=" + id + ", email=" + email + ", role=" + role + "]";
  }
}
