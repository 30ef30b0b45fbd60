package org.loyaltygraph.system;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * Runs a whole transaction again when the database chose it as a deadlock victim (MySQL 1213) or it
 * waited too long for a lock: the transaction was rolled back whole, so running it again is safe,
 * and on a Galera cluster a certification conflict answers the same way.
 */
public final class LockConflictRetry {

  private static final Logger log = LoggerFactory.getLogger(LockConflictRetry.class);
  private static final int ATTEMPTS = 5;

  private LockConflictRetry() {}

  public static <T> T run(Supplier<T> transaction) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.get();
      } catch (PessimisticLockingFailureException conflict) {
        if (attempt == ATTEMPTS) {
          throw conflict;
        }
        log.info("lock conflict, attempt {} of {}: {}", attempt, ATTEMPTS, conflict.getMessage());
        sleep(attempt);
      }
    }
  }

  private static void sleep(int attempt) {
    try {
      Thread.sleep((long) (5 * attempt + Math.random() * 10 * attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
