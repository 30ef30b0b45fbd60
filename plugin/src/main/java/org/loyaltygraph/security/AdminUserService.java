package org.loyaltygraph.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.loyaltygraph.graphql.UserError;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Admin users: creation with its rules, and the first OWNER of a fresh install. */
@Service
public class AdminUserService {

  private static final int MAX_EMAIL_LENGTH = 320;

  private final AdminUserRepository admins;
  private final PasswordEncoder passwords;
  private final Clock clock;

  AdminUserService(AdminUserRepository admins, PasswordEncoder passwords, Clock clock) {
    this.admins = admins;
    this.passwords = passwords;
    this.clock = clock;
  }

  /** Creates an admin; a refused input writes nothing. The e-mail is compared lower-cased. */
  public AdminUserResult create(String email, String password, Role role) {
    List<UserError> errors = validate(email, password, role);
    if (!errors.isEmpty()) {
      return AdminUserResult.refused(errors);
    }
    String login = normalize(email);
    if (admins.findByEmail(login).isPresent()) {
      return AdminUserResult.refused(List.of(duplicate()));
    }
    AdminUser admin =
        new AdminUser(
            UUID.randomUUID().toString(), login, passwords.encode(password), role, clock.instant());
    try {
      admins.insert(admin);
    } catch (DuplicateKeyException raced) {
      return AdminUserResult.refused(List.of(duplicate()));
    }
    return AdminUserResult.ok(admin);
  }

  /** Creates this OWNER when there is no admin at all yet; empty when there was one. */
  Optional<AdminUserResult> createOwnerIfNoAdmin(String email, String password) {
    if (admins.count() > 0) {
      return Optional.empty();
    }
    return Optional.of(create(email, password, Role.OWNER));
  }

  static String normalize(String email) {
    return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
  }

  private static List<UserError> validate(String email, String password, Role role) {
    List<UserError> errors = new ArrayList<>();
    String login = normalize(email);
    if (login.isEmpty()) {
      errors.add(UserError.of("REQUIRED", "The e-mail is required.", "input", "email"));
    } else if (login.length() > MAX_EMAIL_LENGTH
        || login.chars().anyMatch(Character::isWhitespace)
        || login.indexOf('@') < 1
        || login.indexOf('@') == login.length() - 1) {
      errors.add(UserError.of("INVALID", "The e-mail address is malformed.", "input", "email"));
    }
    if (password == null || password.isEmpty()) {
      errors.add(UserError.of("REQUIRED", "The password is required.", "input", "password"));
    } else if (password.codePointCount(0, password.length())
        < PasswordHashing.MIN_PASSWORD_LENGTH) {
      errors.add(
          UserError.of(
              "INVALID", "The password needs at least 12 characters.", "input", "password"));
    } else if (password.getBytes(StandardCharsets.UTF_8).length
        > PasswordHashing.MAX_PASSWORD_BYTES) {
      errors.add(
          UserError.of("INVALID", "The password holds at most 72 bytes.", "input", "password"));
    }
    if (role == null || !role.isAdmin()) {
      errors.add(
          UserError.of("INVALID", "The role must be OWNER, MANAGER or ANALYST.", "input", "role"));
    }
    return errors;
  }

  private static UserError duplicate() {
    return UserError.of("DUPLICATE", "An admin with this e-mail exists.", "input", "email");
  }
}
