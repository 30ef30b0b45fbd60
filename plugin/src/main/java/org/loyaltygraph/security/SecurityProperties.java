package org.loyaltygraph.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code loyaltygraph.security.*}: how shoppers' tokens are checked, and the credentials created on
 * first start so that a fresh install can be reached at all.
 *
 * @param jwtSecret HS256 secret shared with the storefront (at least 32 bytes), or empty
 * @param jwksUri the storefront's JWKS address for RS256/ES256 tokens, or empty
 * @param jwtIssuer the {@code iss} a shopper token must carry, or empty to accept any
 * @param jwtAudience the {@code aud} a shopper token must carry, or empty to accept any
 * @param bootstrapStorefrontKey a storefront key ({@code lgk_...}) stored hashed on start if absent
 * @param bootstrapAdminEmail the first OWNER's login, created on start if no admin exists
 * @param bootstrapAdminPassword the first OWNER's password
 */
@ConfigurationProperties("loyaltygraph.security")
public record SecurityProperties(
    String jwtSecret,
    String jwksUri,
    String jwtIssuer,
    String jwtAudience,
    String bootstrapStorefrontKey,
    String bootstrapAdminEmail,
    String bootstrapAdminPassword) {

  static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
