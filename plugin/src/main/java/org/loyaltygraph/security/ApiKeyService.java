package org.loyaltygraph.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Issues and checks API keys. Keys are 192 random bits, so a fast hash (SHA-256) is enough to store
 * them; lookups are cached briefly so that a revoked key stops working within that time on every
 * instance.
 */
@Service
public class ApiKeyService {

  public static final String KEY_PREFIX = "lgk_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ApiKeyRepository keys;
  private final Clock clock;
  private final Cache<String, Optional<Caller>> byHash =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(30)).build();

  ApiKeyService(ApiKeyRepository keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  /** A new key: the plain text is in the answer and nowhere else. */
  public IssuedKey issue(String name, Role role, Set<Permission> scopes) {
    byte[] secret = new byte[24];
    RANDOM.nextBytes(secret);
    String plain = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    store(name, role, scopes, plain);
    return new IssuedKey(plain, name, role);
  }

  /** Stores a key chosen by configuration (the bootstrap key), unless it is stored already. */
  void storeIfAbsent(String name, Role role, String plain) {
    if (!keys.existsByHash(sha256(plain))) {
      store(name, role, EnumSet.noneOf(Permission.class), plain);
    }
  }

  Optional<Caller> authenticate(String plain) {
    return byHash.get(sha256(plain), this::lookup);
  }

  private Optional<Caller> lookup(String hash) {
    return keys.findActiveByHash(hash)
        .map(
            key ->
                key.role() == Role.PARTNER
                    ? Caller.partner(key.id(), parseScopes(key.scopes()))
                    : Caller.of(key.role(), key.id()));
  }

  private void store(String name, Role role, Set<Permission> scopes, String plain) {
    String scopeList = scopes.stream().map(Permission::scope).collect(Collectors.joining(" "));
    keys.insert(
        new ApiKey(
            UUID.randomUUID().toString(),
            name,
            sha256(plain),
            role,
            scopeList,
            clock.instant(),
            null));
  }

  private static Set<Permission> parseScopes(String scopes) {
    if (scopes == null || scopes.isBlank()) {
      return EnumSet.noneOf(Permission.class);
    }
    return Arrays.stream(scopes.trim().split("\\s+"))
        .map(Permission::fromScope)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Permission.class)));
  }

  static String sha256(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A key as shown once to whoever created it. */
  public record IssuedKey(String key, String name, Role role) {}
}
