package org.loyaltygraph.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.loyaltygraph.points.ExpiringPoints;
import org.loyaltygraph.points.PointsService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes {@code points.expiring} for available points that expire within the warning period: one
 * event per customer and expiry instant, ever. The outbox's unique dedup key makes a second run, or
 * a run on another instance at the same time, write nothing more. While no enabled endpoint
 * receives {@code points.expiring}, a run reads nothing and writes nothing.
 */
@Component
public class ExpiryWarningJob {

  private static final int BATCH = 500;

  private final PointsService points;
  private final Outbox outbox;
  private final EventSubscriptions subscriptions;
  private final TransactionTemplate transactions;
  private final EventProperties properties;
  private final Clock clock;

  ExpiryWarningJob(
      PointsService points,
      Outbox outbox,
      EventSubscriptions subscriptions,
      TransactionTemplate transactions,
      EventProperties properties,
      Clock clock) {
    this.points = points;
    this.outbox = outbox;
    this.subscriptions = subscriptions;
    this.transactions = transactions;
    this.properties = properties;
    this.clock = clock;
  }

  /** Warns of every expiry now within the period; answers how many warnings this run wrote. */
  public int runDue() {
    if (!subscriptions.anyReceives(EventType.POINTS_EXPIRING)) {
      return 0;
    }
    Instant now = clock.instant();
    Instant until = now.plus(Duration.ofDays(properties.expiryWarningDays()));
    int written = 0;
    ExpiringPoints after = null;
    while (true) {
      List<ExpiringPoints> page = points.expiring(now, until, after, BATCH);
      Integer batch = transactions.execute(status -> write(page));
      written += batch == null ? 0 : batch;
      if (page.size() < BATCH) {
        return written;
      }
      after = page.get(page.size() - 1);
    }
  }

  private int write(List<ExpiringPoints> page) {
    int written = 0;
    for (ExpiringPoints expiring : page) {
      String expiresAt = expiring.expiresAt().toString();
      boolean fresh =
          outbox.write(
              EventType.POINTS_EXPIRING,
              expiring.customerId(),
              OutboxPayloads.of("expiresAt", expiresAt, "points", expiring.points()),
              "points.expiring:" + expiring.customerId() + ":" + expiresAt);
      if (fresh) {
        written++;
      }
    }
    return written;
  }
}
