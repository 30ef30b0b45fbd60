package org.loyaltygraph.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks a shopper's JWT issued by the storefront (HS256 with a shared secret, or RS256/ES256
 * against the storefront's JWKS) and answers its {@code sub}, the customer id. Expired, unsigned or
 * wrongly signed tokens answer empty.
 */
@Component
class ShopperTokenVerifier {

  private static final Logger log = LoggerFactory.getLogger(ShopperTokenVerifier.class);

  private final SecurityProperties properties;
  private final Clock clock;
  private final DefaultJWTProcessor<SecurityContext> jwksProcessor;

  ShopperTokenVerifier(SecurityProperties properties, Clock clock) throws MalformedURLException {
    this.properties = properties;
    this.clock = clock;
    if (SecurityProperties.present(properties.jwksUri())) {
      JWKSource<SecurityContext> keys =
          JWKSourceBuilder.create(URI.create(properties.jwksUri()).toURL()).build();
      jwksProcessor = new DefaultJWTProcessor<>();
      jwksProcessor.setJWSKeySelector(
          new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys));
    } else {
      jwksProcessor = null;
    }
  }

  Optional<String> verify(String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      JWTClaimsSet claims;
      if (JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
          && SecurityProperties.present(properties.jwtSecret())) {
        if (!jwt.verify(new MACVerifier(properties.jwtSecret().getBytes(StandardCharsets.UTF_8)))) {
          return Optional.empty();
        }
        claims = jwt.getJWTClaimsSet();
      } else if (jwksProcessor != null) {
        claims = jwksProcessor.process(jwt, null);
      } else {
        return Optional.empty();
      }
      return acceptable(claims) ? Optional.ofNullable(claims.getSubject()) : Optional.empty();
    } catch (ParseException | JOSEException e) {
      return Optional.empty();
    } catch (Exception e) {
      log.debug("shopper token refused", e);
      return Optional.empty();
    }
  }

  private boolean acceptable(JWTClaimsSet claims) {
    Date now = Date.from(clock.instant());
    if (claims.getExpirationTime() == null || !claims.getExpirationTime().after(now)) {
      return false; // tokens without an expiry are refused: a leaked one would live forever
    }
    if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().after(now)) {
      return false;
    }
    if (SecurityProperties.present(properties.jwtIssuer())
        && !properties.jwtIssuer().equals(claims.getIssuer())) {
      return false;
    }
    return !SecurityProperties.present(properties.jwtAudience())
        || (claims.getAudience() != null
            && claims.getAudience().contains(properties.jwtAudience()));
  }
}
