package org.loyaltygraph.security;

import static org.loyaltygraph.security.Permission.ADMINS_MANAGE;
import static org.loyaltygraph.security.Permission.ANYONE;
import static org.loyaltygraph.security.Permission.API_KEYS_MANAGE;
import static org.loyaltygraph.security.Permission.AUTHENTICATED;
import static org.loyaltygraph.security.Permission.SELF;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.loyaltygraph.graphql.ContentHash;
import org.loyaltygraph.graphql.UserError;
import org.loyaltygraph.system.CacheEviction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Issues and checks API keys. Keys are 192 random bits, so a fast hash (SHA-256) is enough to store
 * them; lookups are cached briefly, so a revoked key stops working at once on the instance that
 * revoked it and within that time on every other one.
 */
@Service
public class ApiKeyService {

  public static final String KEY_PREFIX = "lgk_";

  /**
   * What a partner key may carry: everything but what only a role or a shopper holds. Webhooks are
   * the shop's own admins' business: their secrets sign what the shop's receivers trust.
   */
  public static final Set<Permission> PARTNER_SCOPES =
      EnumSet.complementOf(
          EnumSet.of(
              ANYONE,
              AUTHENTICATED,
              SELF,
              API_KEYS_MANAGE,
              ADMINS_MANAGE,
              Permission.WEBHOOKS_MANAGE,
              Permission.WEBHOOKS_READ));

  private static final Logger log = LoggerFactory.getLogger(ApiKeyService.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<Role> KEY_ROLES = EnumSet.of(Role.STOREFRONT, Role.PARTNER, Role.ROUTER);
  private static final int MAX_NAME_LENGTH = 200;

  private final ApiKeyRepository keys;
  private final Clock clock;
  private final Cache<String, Optional<Caller>> byHash =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(30)).build();

  ApiKeyService(ApiKeyRepository keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  /** Checks the input of {@code apiKeyCreate}, then issues the key; a refusal writes nothing. */
  ApiKeyCreateResult create(String name, Role role, List<String> scopes) {
    List<UserError> errors = new ArrayList<>();
    if (name == null || name.isBlank()) {
      errors.add(UserError.of("REQUIRED", "The name is required.", "input", "name"));
    } else if (name.trim().length() > MAX_NAME_LENGTH) {
      errors.add(
          UserError.of("INVALID", "The name holds at most 200 characters.", "input", "name"));
    }
    if (role == null || !KEY_ROLES.contains(role)) {
      errors.add(
          UserError.of(
              "INVALID", "The role must be STOREFRONT, PARTNER or ROUTER.", "input", "role"));
    }
    Set<Permission> granted = EnumSet.noneOf(Permission.class);
    List<String> asked = scopes == null ? List.of() : scopes;
    if (role == Role.PARTNER && asked.isEmpty()) {
      errors.add(
          UserError.of("REQUIRED", "A partner key needs at least one scope.", "input", "scopes"));
    } else if (role != Role.PARTNER && !asked.isEmpty()) {
      errors.add(UserError.of("INVALID", "Only partner keys take scopes.", "input", "scopes"));
    }
    for (int i = 0; role == Role.PARTNER && i < asked.size(); i++) {
      Optional<Permission> scope = partnerScope(asked.get(i));
      if (scope.isEmpty()) {
        errors.add(
            UserError.of(
                "INVALID",
                "Not a scope a partner may hold: " + asked.get(i),
                "input",
                "scopes",
                String.valueOf(i)));
      } else {
        granted.add(scope.get());
      }
    }
    if (!errors.isEmpty()) {
      return new ApiKeyCreateResult(null, null, List.copyOf(errors));
    }
    String plain = newKey();
    ApiKey stored = store(name.trim(), role, granted, plain);
    return new ApiKeyCreateResult(plain, stored, List.of());
  }

  /** A new key: the plain text is in the answer and nowhere else. */
  public IssuedKey issue(String name, Role role, Set<Permission> scopes) {
    if (!KEY_ROLES.contains(role)) {
      // admins log in; a key with an admin role would be a password that never expires
      throw new IllegalArgumentException(
          "API keys are for STOREFRONT, PARTNER or ROUTER, not " + role);
    }
    String plain = newKey();
    ApiKey stored = store(name, role, scopes, plain);
    return new IssuedKey(plain, stored.id(), name, role);
  }

  /** Every key, revoked ones too, newest first. */
  List<ApiKey> list() {
    return keys.findAllByOrderByCreatedAtDescIdDesc();
  }

  /** Revokes a key (again is a no-op), or UNKNOWN_KEY when no key has this id. */
  ApiKeyRevokeResult revoke(String id) {
    Optional<ApiKey> key = id == null ? Optional.empty() : keys.findById(id);
    if (key.isEmpty()) {
      return new ApiKeyRevokeResult(
          null, List.of(UserError.of("UNKNOWN_KEY", "No key has this id.", "input", "id")));
    }
    keys.revoke(id, clock.instant());
    // other instances drop it when their entry expires
    String hash = key.get().keyHash();
    CacheEviction.afterTransaction(() -> byHash.invalidate(hash));
    return new ApiKeyRevokeResult(keys.findById(id).orElseThrow(), List.of());
  }

  /** Stores a key chosen by configuration (the bootstrap key), unless it is stored already. */
  void storeIfAbsent(String name, Role role, String plain) {
    if (!keys.existsByKeyHash(sha256(plain))) {
      store(name, role, EnumSet.noneOf(Permission.class), plain);
    }
  }

  Optional<Caller> authenticate(String plain) {
    return byHash.get(sha256(plain), this::lookup);
  }

  static List<String> scopeList(ApiKey key) {
    return parseScopes(key.scopes()).stream().map(Permission::scope).toList();
  }

  private Optional<Caller> lookup(String hash) {
    return keys.findByKeyHashAndRevokedAtIsNull(hash)
        .map(
            key ->
                key.role() == Role.PARTNER
                    ? Caller.partner(key.id(), parseScopes(key.scopes()))
                    : Caller.of(key.role(), key.id()));
  }

  private ApiKey store(String name, Role role, Set<Permission> scopes, String plain) {
    String scopeList = scopes.stream().map(Permission::scope).collect(Collectors.joining(" "));
    ApiKey key =
        new ApiKey(
            UUID.randomUUID().toString(),
            name,
            sha256(plain),
            role,
            scopeList,
            clock.instant(),
            null);
    keys.insert(key);
    // a lookup of this key that failed before it existed must not be remembered
    CacheEviction.afterTransaction(() -> byHash.invalidate(key.keyHash()));
    return key;
  }

  private static Optional<Permission> partnerScope(String scope) {
    return Arrays.stream(Permission.values())
        .filter(p -> p.scope().equals(scope) && PARTNER_SCOPES.contains(p))
        .findFirst();
  }

  private static Set<Permission> parseScopes(String scopes) {
    Set<Permission> parsed = EnumSet.noneOf(Permission.class);
    if (scopes == null || scopes.isBlank()) {
      return parsed;
    }
    for (String scope : scopes.trim().split("\\s+")) {
      // an unknown stored scope grants nothing, rather than failing every request of the key
      partnerScope(scope)
          .ifPresentOrElse(parsed::add, () -> log.warn("ignoring unknown stored scope {}", scope));
    }
    return parsed;
  }

  private static String newKey() {
    byte[] secret = new byte[24];
    RANDOM.nextBytes(secret);
    return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  static String sha256(String value) {
    return ContentHash.of(value);
  }

  /** A key as shown once to whoever created it. */
  public record IssuedKey(String key, String id, String name, Role role) {

    @Override
    public String toString() {
      return "IssuedKey[id=" + id + ", name=" + name + ", role=" + role + "]";
    }
  }

  /** The revoked key, or why not. */
  record ApiKeyRevokeResult(ApiKey apiKey, List<UserError> userErrors) {}

  /** The key (shown this once) and its listing, or why it was refused. */
  record ApiKeyCreateResult(String key, ApiKey apiKey, List<UserError> userErrors) {

    @Override
    public String toString() {
      return "ApiKeyCreateResult[apiKey=" + apiKey + ", userErrors=" + userErrors + "]";
    }
  }
}
