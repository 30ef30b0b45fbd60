package org.loyaltygraph.tier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The tier configuration, cached: read on every order and every loyalty read, written rarely.
 * Writes here evict at once; other instances catch up within the time-to-live.
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
   * Evicts now and again after the commit, so that a read racing the writing transaction cannot
   * keep the old configuration for a whole time-to-live.
   */
  void evict() {
    cache.invalidateAll();
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              cache.invalidateAll();
            }
          });
    }
  }
}
