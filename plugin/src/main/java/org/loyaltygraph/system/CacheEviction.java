package org.loyaltygraph.system;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Evicts a cache once the writing transaction has ended, or at once outside a transaction. Evicting
 * inside the transaction is too early: a read on another thread between the eviction and the commit
 * still sees the old rows and caches them for the whole time-to-live. After a rollback it evicts as
 * well, which costs one reload and drops anything the transaction itself loaded.
 */
public final class CacheEviction {

  private CacheEviction() {}

  public static void afterTransaction(Runnable eviction) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              eviction.run();
            }
          });
    } else {
      eviction.run();
    }
  }
}
