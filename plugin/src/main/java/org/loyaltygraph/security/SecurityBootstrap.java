package org.loyaltygraph.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Stores the configured bootstrap credentials on start, so a fresh install can be reached. */
@Component
class SecurityBootstrap {

  private static final Logger log = LoggerFactory.getLogger(SecurityBootstrap.class);

  private final SecurityProperties properties;
  private final ApiKeyService apiKeys;

  SecurityBootstrap(SecurityProperties properties, ApiKeyService apiKeys) {
    this.properties = properties;
    this.apiKeys = apiKeys;
  }

  @EventListener(ApplicationReadyEvent.class)
  void storeBootstrapCredentials() {
    String key = properties.bootstrapStorefrontKey();
    if (SecurityProperties.present(key)) {
      if (!key.startsWith(ApiKeyService.KEY_PREFIX) || key.length() < 24) {
        throw new IllegalStateException(
            "loyaltygraph.security.bootstrap-storefront-key must start with lgk_ and hold 20+ characters");
      }
      apiKeys.storeIfAbsent("bootstrap storefront key", Role.STOREFRONT, key);
      log.info("Bootstrap storefront key is stored (hashed).");
    }
  }
}
