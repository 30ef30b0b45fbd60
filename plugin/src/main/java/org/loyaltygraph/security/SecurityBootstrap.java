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
  private final AdminUserService admins;

  SecurityBootstrap(SecurityProperties properties, ApiKeyService apiKeys, AdminUserService admins) {
    this.properties = properties;
    this.apiKeys = apiKeys;
    this.admins = admins;
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
    storeBootstrapAdmin();
  }

  /** The first OWNER, only while there is no admin at all: later changes are made in the UI. */
  void storeBootstrapAdmin() {
    String email = properties.bootstrapAdminEmail();
    String password = properties.bootstrapAdminPassword();
    if (!SecurityProperties.present(email) || !SecurityProperties.present(password)) {
      return;
    }
    admins
        .createOwnerIfNoAdmin(email, password)
        .ifPresent(
            result -> {
              if (result.admin() != null) {
                log.info("Bootstrap admin {} is created as OWNER.", result.admin().email());
              } else if (result.userErrors().stream().anyMatch(e -> "DUPLICATE".equals(e.code()))) {
                log.info("Bootstrap admin exists already (created by another instance).");
              } else {
                throw new IllegalStateException(
                    "loyaltygraph.security.bootstrap-admin-*: "
                        + result.userErrors().stream().map(e -> e.message()).toList());
              }
            });
  }
}
