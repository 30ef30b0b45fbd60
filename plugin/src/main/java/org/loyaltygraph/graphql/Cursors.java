package org.loyaltygraph.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque connection cursors over a row id. Clients must treat a cursor as a token to pass back as
 * {@code after}; the encoding (versioned, base64url) may change without notice. A cursor only says
 * where a page starts: whoever decodes it still checks who may read the rows.
 */
public final class Cursors {

  private static final String PREFIX = "lg1:";

  private Cursors() {}

  /** The cursor of the row with this id. */
  public static String encode(long id) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + id).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The row id of a cursor made by {@link #encode(long)}.
   *
   * @throws ClientError {@code INVALID_ARGUMENT} for anything else
   */
  public static long decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      if (text.startsWith(PREFIX)) {
        return Long.parseLong(text.substring(PREFIX.length()));
      }
    } catch (IllegalArgumentException | NullPointerException e) {
      // NumberFormatException is an IllegalArgumentException; fall through to the refusal
    }
    throw new ClientError("INVALID_ARGUMENT", "`after` is not a cursor this service issued.");
  }
}
