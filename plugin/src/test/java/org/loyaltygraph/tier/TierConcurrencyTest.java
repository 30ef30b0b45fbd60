package org.loyaltygraph.tier;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.order.OrderRecorded;
import org.loyaltygraph.order.OrderRefunded;
import org.loyaltygraph.testing.LoyaltyGraphTest;
import org.loyaltygraph.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** Several instances (here: threads) evaluating and recording at once. */
@LoyaltyGraphTest
class TierConcurrencyTest {

  private static final Instant START = Instant.parse("2026-04-01T08:00:00Z");

  @Autowired TierService tiers;
  @Autowired TierEvaluationJob job;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate transactions;
  @Autowired MutableClock clock;
  @Autowired MeterRegistry meters;

  private TierProgramFixture program;
  private Tier gold;
  private Counter conflicts;

  @BeforeEach
  void goldWithAGracePeriod() {
    conflicts = meters.counter("loyaltygraph.tier.evaluation.conflicts");
    clock.set(START);
    program = new TierProgramFixture(tiers);
    program.reset();
    program.program(new TierProgramEdit(null, null, null, 10, null));
    gold = program.tier("gold", 50_000, "2");
  }

  @AfterEach
  void backToDefaults() {
    program.reset();
  }

  @Test
  void concurrentOrdersOfOneNewCustomerAllCount() throws Exception {
    String customer = "c-" + UUID.randomUUID();
    List<Callable<Void>> orders = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      String orderId = customer + "-o" + i;
      orders.add(() -> publish(new OrderRecorded(orderId, customer, START, 5_000, 0)));
    }

    runAll(orders);

    TierStanding standing = tiers.standing(customer);
    assertThat(standing.qualifyingAmount()).isEqualTo(80_000);
    assertThat(standing.tier().id()).isEqualTo(gold.id());
    assertThat(tiers.history(customer, 100, null).changes()).hasSize(1);
  }

  @Test
  void anOrderWhoseTransactionReadEarlierStillCountsAnOrderCommittedMeanwhile() throws Exception {
    String customer = "c-" + UUID.randomUUID();
    publish(new OrderRecorded(customer + "-o0", customer, START, 1_000, 0));

    transactions.executeWithoutResult(
        status -> {
          // fixes this transaction's snapshot, as the order feature's reads do before it publishes
          assertThat(tiers.standing(customer).qualifyingAmount()).isEqualTo(1_000);
          try {
            runAll(
                List.of(
                    () ->
                        publish(new OrderRecorded(customer + "-o1", customer, START, 30_000, 0))));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          events.publishEvent(new OrderRecorded(customer + "-o2", customer, START, 20_000, 0));
        });

    TierStanding standing = tiers.standing(customer);
    assertThat(standing.qualifyingAmount()).isEqualTo(51_000);
    assertThat(standing.tier().id()).isEqualTo(gold.id());
  }

  @Test
  void jobsRunningTogetherMoveEachCustomerDownOnce() throws Exception {
    List<String> customers = goldInGraceThatHasEnded(30);

    List<Callable<Void>> jobs = jobs(4);
    double conflictsBefore = conflicts.count();
    runAll(jobs);

    // each job leases its own customers: none may wait on, or deadlock with, another's rows
    assertThat(conflicts.count() - conflictsBefore).isZero();
    for (String customer : customers) {
      assertThat(tiers.standing(customer).tier()).isNull();
      assertThat(tiers.history(customer, 100, null).changes())
          .extracting(TierChange::reason)
          .containsExactly("grace-expired", "order");
    }
  }

  @Test
  void jobsRacingOrdersOfTheirCustomersCountEveryOrder() throws Exception {
    List<String> customers = goldInGraceThatHasEnded(20);
    Instant later = clock.instant();

    List<Callable<Void>> work = jobs(4);
    for (String customer : customers) {
      work.add(() -> publish(new OrderRecorded(customer + "-o2", customer, later, 20_000, 0)));
    }
    runAll(work);

    // the job and the order take turns on the customer's state row; whichever ran first, the
    // job's read of the window (without locking) lost no order: each customer ends in gold
    for (String customer : customers) {
      TierStanding standing = tiers.standing(customer);
      assertThat(standing.qualifyingAmount()).isEqualTo(60_000);
      assertThat(standing.tier().id()).isEqualTo(gold.id());
    }
  }

  /**
   * Customers who bought 60,000 and had 20,000 refunded, so they hold gold (50,000) in its grace
   * period, with the clock moved past the grace: each is due to leave gold.
   */
  private List<String> goldInGraceThatHasEnded(int count) {
    List<String> customers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String customer = "c-" + UUID.randomUUID();
      customers.add(customer);
      publish(new OrderRecorded(customer + "-o", customer, START, 60_000, 0));
      publish(
          new OrderRefunded(customer + "-r", customer + "-o", customer, START, START, 20_000, 0));
    }
    clock.advance(Duration.ofDays(11));
    return customers;
  }

  /** {@code count} runs of the evaluation job, as that many instances would start them. */
  private List<Callable<Void>> jobs(int count) {
    List<Callable<Void>> jobs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      jobs.add(
          () -> {
            job.runDue();
            return null;
          });
    }
    return jobs;
  }

  private Void publish(Object event) {
    transactions.executeWithoutResult(status -> events.publishEvent(event));
    return null;
  }

  private static void runAll(List<Callable<Void>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      for (Future<Void> f : pool.invokeAll(tasks)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
