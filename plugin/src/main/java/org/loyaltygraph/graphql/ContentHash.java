package org.loyaltygraph.graphql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a text, in hex: how an idempotent write recognises its own replay (the hash of a
 * canonical text of its input), and how credentials are stored.
 */
public final class ContentHash {

  // looking a digest up by name searches the security providers on every call (2 % of the CPU of
  // orderRecord); a copy of one found once is the same digest, without the search
  private static final MessageDigest SHA_256;

  static {
    try {
      SHA_256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private ContentHash() {}

  public static String of(String canonical) {
    return HexFormat.of().formatHex(digest().digest(canonical.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest digest() {
    try {
      return (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
  }
}
