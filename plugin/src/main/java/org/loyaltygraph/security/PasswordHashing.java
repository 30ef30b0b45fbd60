package org.loyaltygraph.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Admin passwords are hashed with BCrypt at cost 12 (about a quarter of a second per hash here).
 * Argon2 would need Bouncy Castle, which is not resolvable in this build's registry.
 */
@Configuration(proxyBeanMethods = false)
class PasswordHashing {

  /** BCrypt reads at most 72 bytes of a password; longer ones are refused at creation. */
  static final int MAX_PASSWORD_BYTES = 72;

  static final int MIN_PASSWORD_LENGTH = 12;

  @Bean
  PasswordEncoder adminPasswordEncoder() {
    return new BCryptPasswordEncoder(12);
  }
}
