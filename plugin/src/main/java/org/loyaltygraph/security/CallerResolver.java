package org.loyaltygraph.security;

import org.springframework.stereotype.Component;

/**
 * Maps an Authorization header to a caller: {@code Bearer lgk_...} is an API key (storefront,
 * partner or router), {@code Bearer lga_...} an admin session, anything else a shopper's JWT. A
 * header that does not check out makes the caller anonymous, never an error that tells why.
 */
@Component
public class CallerResolver {

  private final ApiKeyService apiKeys;
  private final AdminSessionService adminSessions;
  private final ShopperTokenVerifier shopperTokens;

  CallerResolver(
      ApiKeyService apiKeys,
      AdminSessionService adminSessions,
      ShopperTokenVerifier shopperTokens) {
    this.apiKeys = apiKeys;
    this.adminSessions = adminSessions;
    this.shopperTokens = shopperTokens;
  }

  public Caller resolve(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Caller.ANONYMOUS;
    }
    String credential = authorization.substring(7).trim();
    if (credential.startsWith(ApiKeyService.KEY_PREFIX)) {
      return apiKeys.authenticate(credential).orElse(Caller.ANONYMOUS);
    }
    if (credential.startsWith(AdminSessionService.TOKEN_PREFIX)) {
      return adminSessions.authenticate(credential).orElse(Caller.ANONYMOUS);
    }
    return shopperTokens.verify(credential).map(Caller::customer).orElse(Caller.ANONYMOUS);
  }
}
