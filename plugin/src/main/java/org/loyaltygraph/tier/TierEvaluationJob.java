package org.loyaltygraph.tier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Re-evaluates customers as their windows roll, their grace periods end, or the program changes.
 * Work is leased row by row ({@code FOR UPDATE SKIP LOCKED}), so every instance may run it at once.
 */
@Component
public class TierEvaluationJob {

  private static final Logger log = LoggerFactory.getLogger(TierEvaluationJob.class);
  private static final int MAX_CONFLICTS = 5;

  private final TierEvaluator evaluator;
  private final int batchSize;
  private final Counter conflictCounter;

  TierEvaluationJob(
      TierEvaluator evaluator,
      @Value("${loyaltygraph.tier.evaluation-batch-size:200}") int batch,
      MeterRegistry meters) {
    this.evaluator = evaluator;
    this.batchSize = batch;
    this.conflictCounter =
        Counter.builder("loyaltygraph.tier.evaluation.conflicts")
            .description(
                "Tier evaluation batches rolled back by a lock conflict (a deadlock, a Galera"
                    + " certification conflict)")
            .register(meters);
  }

  @Scheduled(
      fixedDelayString = "${loyaltygraph.tier.evaluation-interval:10m}",
      initialDelayString = "${loyaltygraph.tier.evaluation-interval:10m}")
  void scheduled() {
    int evaluated = runDue();
    if (evaluated > 0) {
      log.info("Tier evaluation: {} customers re-evaluated", evaluated);
    }
  }

  /**
   * Evaluates every customer due now, one short transaction per batch, until a batch finds nothing
   * (rows leased by other instances are theirs). Answers how many this call evaluated.
   */
  public int runDue() {
    int total = 0;
    int evaluated;
    int conflicts = 0;
    do {
      try {
        evaluated = evaluator.evaluateDue(batchSize);
      } catch (ConcurrencyFailureException e) {
        // a deadlock, or a Galera certification conflict at commit: the batch rolled back whole
        conflictCounter.increment();
        if (++conflicts > MAX_CONFLICTS) {
          throw e;
        }
        log.info("Tier evaluation batch conflicted with another writer; retrying", e);
        evaluated = 1;
        continue;
      }
      total += evaluated;
    } while (evaluated > 0);
    return total;
  }
}
