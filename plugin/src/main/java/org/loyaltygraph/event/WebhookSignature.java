package org.loyaltygraph.event;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code LoyaltyGraph-Signature: v1=<hex>}: HMAC-SHA256, keyed with the endpoint's secret, of
 * {@code "<timestamp>.<body>"}. The timestamp inside the signed text lets a receiver refuse an old
 * request replayed by someone who captured it.
 */
final class WebhookSignature {

  static final String VERSION = "v1";

  private WebhookSignature() {}

  /** The header value for this secret, timestamp (epoch seconds) and exact body. */
  static String header(String secret, long timestamp, String body) {
    return VERSION + "=" + hex(secret, timestamp + "." + body);
  }

  static String hex(String secret, String signed) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
