package org.loyaltygraph.security;

import java.time.Duration;
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
 * @param adminSessionTtl how long an admin session token works after login (default 12 hours)
 * @param loginMaxFailures failed logins for one e-mail within {@code loginFailureWindow} after
 *     which that e-mail is locked out (default 5)
 * @param loginFailureWindow how far back failed logins count (default 15 minutes)
 */
@ConfigurationProperties("loyaltygraph.security")
public record SecurityProperties(
    String jwtSecret,
    String jwksUri,
    String jwtIssuer,
    String jwtAudience,
    String bootstrapStorefrontKey,
    String bootstrapAdminEmail,
    String bootstrapAdminPassword,
    Duration adminSessionTtl,
    Integer loginMaxFailures,
    Duration loginFailureWindow) {

  public SecurityProperties {
    adminSessionTtl = adminSessionTtl != null ? adminSessionTtl : Duration.ofHours(12);
    loginMaxFailures = loginMaxFailures != null ? loginMaxFailures : 5;
    loginFailureWindow = loginFailureWindow != null ? loginFailureWindow : Duration.ofMinutes(15);
    if (adminSessionTtl.isNegative() || adminSessionTtl.isZero() || loginMaxFailures < 1) {
      throw new IllegalArgumentException(
          "loyaltygraph.security.admin-session-ttl must be positive and login-max-failures >= 1");
    }
  }

  static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
