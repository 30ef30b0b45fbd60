package org.loyaltygraph.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

/** Signs shopper tokens the way a storefront does (HS256 with the shared secret). */
public final class ShopperTokens {

  public static final String SECRET = "test-shopper-token-secret-of-at-least-32-bytes";

  private ShopperTokens() {}

  public static String bearerFor(String customerId, Instant now) {
    return "Bearer " + sign(customerId, now.plusSeconds(3600), SECRET);
  }

  public static String sign(String customerId, Instant expires, String secret) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader(JWSAlgorithm.HS256),
              new JWTClaimsSet.Builder()
                  .subject(customerId)
                  .expirationTime(Date.from(expires))
                  .build());
      jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
