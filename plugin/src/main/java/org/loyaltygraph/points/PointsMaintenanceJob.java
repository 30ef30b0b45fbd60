package org.loyaltygraph.points;

import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Matures pending points and expires old ones. Any number of instances may run it: a customer is
 * taken with {@code FOR UPDATE SKIP LOCKED} on its account row, so two instances never work on the
 * same customer, and a customer busy with a live request is left for the next run.
 */
@Component
public class PointsMaintenanceJob {

  private static final Logger log = LoggerFactory.getLogger(PointsMaintenanceJob.class);
  private static final int BATCH = 500;

  private final LotRepository lots;
  private final AccountRepository accounts;
  private final PointsLedger ledger;
  private final TransactionTemplate transactions;
  private final Clock clock;

  PointsMaintenanceJob(
      LotRepository lots,
      AccountRepository accounts,
      PointsLedger ledger,
      TransactionTemplate transactions,
      Clock clock) {
    this.lots = lots;
    this.accounts = accounts;
    this.ledger = ledger;
    this.transactions = transactions;
    this.clock = clock;
  }

  @Scheduled(
      fixedDelayString = "${loyaltygraph.points.maintenance-interval:60s}",
      initialDelayString = "${loyaltygraph.points.maintenance-interval:60s}")
  public void scheduled() {
    int done = runDue();
    if (done > 0) {
      log.info("points maintenance: {} customers settled", done);
    }
  }

  /** Settles every customer with due lots; answers how many were settled. */
  public int runDue() {
    int settled = 0;
    while (true) {
      List<String> due = lots.customersWithDueLots(clock.instant(), BATCH);
      int before = settled;
      for (String customerId : due) {
        Boolean done =
            transactions.execute(
                status -> {
                  if (!accounts.tryLock(customerId)) {
                    return false;
                  }
                  ledger.settleDue(customerId, clock.instant());
                  return true;
                });
        if (Boolean.TRUE.equals(done)) {
          settled++;
        }
      }
      if (due.size() < BATCH || settled == before) {
        return settled;
      }
    }
  }
}
