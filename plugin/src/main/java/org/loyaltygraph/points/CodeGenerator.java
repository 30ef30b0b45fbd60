package org.loyaltygraph.points;

import java.security.SecureRandom;

/**
 * Discount codes like {@code LG-7Q2M-XK4D-9PHT}: 16 characters of Crockford's base32 (no I, L, O or
 * U, so nothing is misread), 80 random bits: guessing one is hopeless.
 */
final class CodeGenerator {

  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private CodeGenerator() {}

  static String next() {
    StringBuilder code = new StringBuilder("LG");
    for (int group = 0; group < 4; group++) {
      code.append('-');
      for (int i = 0; i < 4; i++) {
        code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
      }
    }
    return code.toString();
  }

  /** What shoppers type: case and surrounding spaces do not matter. */
  static String normalise(String typed) {
    return typed == null ? "" : typed.trim().toUpperCase();
  }
}
