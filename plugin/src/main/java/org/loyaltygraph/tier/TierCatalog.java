package org.loyaltygraph.tier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.loyaltygraph.system.CacheEviction;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The tier configuration, cached: read on every order and every loyalty read, written rarely.
 * Writes here evict once their transaction ends; other instances catch up within the time-to-live.
 */
@Component
class TierCatalog {

  private final TierRepository repository;
  private final Cache<Boolean, TierConfiguration> cache;

  TierCatalog(
      TierRepository repository,
      @Value("${loyaltygraph.tier.configuration-cache-ttl:30s}") Duration timeToLive) {
    this.repository = repository;
    this.cache = Caffeine.newBuilder().maximumSize(1).expireAfterWrite(timeToLive).build();
  }

  TierConfiguration current() {
    return cache.get(Boolean.TRUE, key -> repository.load());
  }

  /** Straight from the database, as this transaction sees it. */
  TierConfiguration fresh() {
    return repository.load();
  }

  /**
   * Evicts once the writing transaction ends, so that a read racing it cannot keep the old
   * configuration for a whole time-to-live.
   */
  void evict() {
    // by key: Caffeine then waits for a load in flight and drops what it brings (invalidateAll
    // skips a load that has not finished)
    CacheEviction.afterTransaction(() -> cache.invalidate(Boolean.TRUE));
  }
}
