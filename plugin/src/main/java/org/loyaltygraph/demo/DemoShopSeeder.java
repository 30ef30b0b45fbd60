package org.loyaltygraph.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.loyaltygraph.catalog.CatalogService;
import org.loyaltygraph.customer.CustomerService;
import org.loyaltygraph.graphql.UserError;
import org.loyaltygraph.order.OrderInput;
import org.loyaltygraph.order.OrderService;
import org.loyaltygraph.order.RefundService;
import org.loyaltygraph.points.AdjustmentService;
import org.loyaltygraph.points.PointsMaintenanceJob;
import org.loyaltygraph.points.RedemptionService;
import org.loyaltygraph.points.Reward;
import org.loyaltygraph.points.RewardService;
import org.loyaltygraph.security.SecurityProperties;
import org.loyaltygraph.tier.Tier;
import org.loyaltygraph.tier.TierDraft;
import org.loyaltygraph.tier.TierEvaluationJob;
import org.loyaltygraph.tier.TierProgram;
import org.loyaltygraph.tier.TierProgramEdit;
import org.loyaltygraph.tier.TierService;
import org.loyaltygraph.tier.TierStanding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo shop ({@link DemoShopPlan}) through the same services the storefront's calls
 * reach, so that receipts, lots, maturity, expiry, refunds and tiers are all real. Runs once on
 * start when {@code loyaltygraph.demo.seed} is true and the shop has no demo customer yet; orders
 * are recorded from a few threads, each customer's orders in time order on one thread.
 */
@Component
class DemoShopSeeder {

  /** The prefix of every id the start-up seeding writes: {@code demo-c-00001}, {@code demo-o-…}. */
  static final String PREFIX = "demo";

  private static final Logger log = LoggerFactory.getLogger(DemoShopSeeder.class);
  private static final int ATTEMPTS = 10;

  private final DemoProperties properties;
  private final CustomerService customers;
  private final CatalogService catalog;
  private final OrderService orders;
  private final RefundService refunds;
  private final RewardService rewards;
  private final RedemptionService redemptions;
  private final AdjustmentService adjustments;
  private final TierService tiers;
  private final PointsMaintenanceJob pointsMaintenance;
  private final TierEvaluationJob tierEvaluation;
  private final SecurityProperties security;
  private final Clock clock;
  private final AtomicInteger retries = new AtomicInteger();
  private final AtomicBoolean started = new AtomicBoolean();

  DemoShopSeeder(
      DemoProperties properties,
      CustomerService customers,
      CatalogService catalog,
      OrderService orders,
      RefundService refunds,
      RewardService rewards,
      RedemptionService redemptions,
      AdjustmentService adjustments,
      TierService tiers,
      PointsMaintenanceJob pointsMaintenance,
      TierEvaluationJob tierEvaluation,
      SecurityProperties security,
      Clock clock) {
    this.properties = properties;
    this.customers = customers;
    this.catalog = catalog;
    this.orders = orders;
    this.refunds = refunds;
    this.rewards = rewards;
    this.redemptions = redemptions;
    this.adjustments = adjustments;
    this.tiers = tiers;
    this.pointsMaintenance = pointsMaintenance;
    this.tierEvaluation = tierEvaluation;
    this.security = security;
    this.clock = clock;
  }

  /** What a seeding did; {@code seeded} is false when the shop was there already. */
  record Report(
      boolean seeded,
      int customers,
      int orders,
      int refunds,
      int redemptions,
      int codesUsed,
      int adjustments,
      boolean tiersSeeded,
      Duration took) {

    static Report skipped() {
      return new Report(false, 0, 0, 0, 0, 0, 0, false, Duration.ZERO);
    }
  }

  /**
   * Seeds after every {@code ApplicationReadyEvent} listener has run (the security feature stores
   * the bootstrap key and admin login then, so they work at once), and before the service reports
   * ready: Spring Boot publishes the readiness change right after that event, and this listener
   * runs first of those, so the readiness probe answers REFUSING_TRAFFIC until the shop is seeded.
   */
  @EventListener
  @Order(Ordered.HIGHEST_PRECEDENCE)
  void seedOnStart(AvailabilityChangeEvent<ReadinessState> event) {
    if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC
        && properties.seed()
        && started.compareAndSet(false, true)) {
      seed(PREFIX, properties);
    }
  }

  /** The loyal customer the banner shows a shopper token for. */
  String showcaseCustomerId() {
    return DemoShopPlan.showcase(
            DemoShopPlan.shoppers(PREFIX, properties.customers(), properties.randomSeed()))
        .id();
  }

  /**
   * Seeds a shop of the given sizes with ids under {@code prefix}, unless its first customer exists
   * already (a seeded shop is never seeded twice: the orders are drawn relative to now, so a second
   * run would differ). Tiers are created only when the program has none.
   */
  Report seed(String prefix, DemoProperties size) {
    String first = DemoShopPlan.customerId(prefix, 1);
    if (customers.exists(first)) {
      log.info("Demo shop is there already ({} exists): not seeded again.", first);
      return Report.skipped();
    }
    long started = System.nanoTime();
    Instant now = clock.instant();
    log.info(
        "Seeding the demo shop: {} customers and about {} orders over the {} months before {},"
            + " on {} threads",
        size.customers(),
        size.orders(),
        DemoShopPlan.MONTHS,
        now,
        size.threads());
    DemoShopPlan plan =
        DemoShopPlan.generate(prefix, size.customers(), size.orders(), size.randomSeed(), now);

    seedCatalogue();
    List<Reward> catalogue = seedRewards(prefix);
    boolean tiersSeeded = seedTiers(prefix);

    inParallel(
        plan.customers(),
        size.threads(),
        "customers",
        c -> require(customers.upsert(c.shopper().profile()).userErrors(), c.shopper().id()));

    int total = plan.orderCount();
    AtomicInteger done = new AtomicInteger();
    int step = Math.max(1, total / 10);
    inParallel(
        plan.customers(),
        size.threads(),
        "orders",
        c -> {
          for (DemoShopPlan.PlannedOrder p : c.orders()) {
            require(retrying(() -> orders.record(p.order())).userErrors(), p.order().id());
            if (p.refund() != null) {
              require(retrying(() -> refunds.refund(p.refund())).userErrors(), p.refund().id());
            }
            int n = done.incrementAndGet();
            if (n % step == 0) {
              log.info("Demo shop: {} of {} orders recorded ({}%)", n, total, 100L * n / total);
            }
          }
        });

    Checkouts checkouts = seedRedemptions(prefix, plan, catalogue, size.randomSeed(), total);
    int adjusted = seedAdjustments(prefix, plan);
    if (retries.get() > 0) {
      log.info("Demo shop: {} calls were retried after a deadlock", retries.getAndSet(0));
    }
    int settled = pointsMaintenance.runDue();
    int evaluated = tierEvaluation.runDue();
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    Report report =
        new Report(
            true,
            plan.customers().size(),
            total + checkouts.orders(),
            plan.refundCount(),
            checkouts.redemptions(),
            checkouts.orders(),
            adjusted,
            tiersSeeded,
            took);
    log.info(
        "Demo shop seeded in {} s: {} customers, {} orders, {} refunds, {} redemptions ({} codes"
            + " used at checkout), {} adjustments; maintenance settled {} and re-evaluated {}"
            + " customers; tiers held: {}",
        String.format(Locale.ROOT, "%.1f", took.toMillis() / 1000.0),
        report.customers(),
        report.orders(),
        report.refunds(),
        report.redemptions(),
        report.codesUsed(),
        report.adjustments(),
        settled,
        evaluated,
        tierCounts(plan));
    return report;
  }

  private void seedCatalogue() {
    for (DemoCatalogue.Item item : DemoCatalogue.ITEMS) {
      require(catalog.upsert(item.product()).userErrors(), item.sku());
    }
  }

  private List<Reward> seedRewards(String prefix) {
    List<Reward> seeded = new ArrayList<>();
    for (Reward reward : DemoCatalogue.rewards(prefix)) {
      RewardService.RewardResult result = rewards.create(reward);
      require(result.userErrors(), reward.id());
      seeded.add(result.reward());
    }
    return seeded;
  }

  /**
   * Bronze, Silver, Gold and Platinum on spend over a rolling 12 months, before any order, so that
   * orders earn with the multiplier of the tier their customer holds at the time. A program that
   * has tiers already is left as it is.
   */
  boolean seedTiers(String prefix) {
    if (!tiers.tiers().isEmpty()) {
      log.info("The tier program has tiers already: demo tiers not seeded.");
      return false;
    }
    require(
        tiers
            .updateProgram(
                new TierProgramEdit(
                    TierProgram.Basis.SPEND, TierProgram.Window.ROLLING, 12, 30, "UTC"))
            .userErrors(),
        "tier program");
    for (TierDraft draft : DemoCatalogue.tiers(prefix)) {
      require(tiers.create(draft).userErrors(), draft.id());
    }
    return true;
  }

  private record Checkouts(int redemptions, int orders) {}

  /**
   * Most loyal customers and a few regulars trade points for rewards; more than half of the codes
   * are used on an order placed now, which carries the reward's discount.
   */
  private Checkouts seedRedemptions(
      String prefix, DemoShopPlan plan, List<Reward> catalogue, long seed, int lastOrder) {
    Random random = new Random(seed + 7);
    int redeemed = 0;
    int number = lastOrder;
    for (DemoShopPlan.CustomerPlan c : plan.customers()) {
      DemoShopPlan.Shopper s = c.shopper();
      double chance =
          switch (s.segment()) {
            case LOYAL -> 0.7;
            case REGULAR -> 0.1;
            default -> 0;
          };
      if (chance == 0 || random.nextDouble() >= chance) {
        continue;
      }
      int wanted = s.segment() == DemoShopPlan.Segment.LOYAL && random.nextDouble() < 0.35 ? 2 : 1;
      for (int n = 1; n <= wanted; n++) {
        Reward reward = catalogue.get(random.nextInt(catalogue.size()));
        String key = String.format(Locale.ROOT, "%s-redeem-%05d-%d", prefix, s.number(), n);
        RedemptionService.RedeemResult result = redemptions.redeem(s.id(), reward.id(), key);
        if (result.userErrors().stream().anyMatch(e -> "INSUFFICIENT_POINTS".equals(e.code()))) {
          continue; // not enough points yet: a real shopper would not see the button either
        }
        require(result.userErrors(), key);
        redeemed++;
        if (random.nextDouble() < 0.6) {
          String orderId = DemoShopPlan.orderId(prefix, ++number);
          OrderInput checkout =
              DemoShopPlan.checkoutWith(orderId, s, reward, clock.instant(), random);
          require(orders.record(checkout).userErrors(), orderId);
          require(redemptions.consume(result.code().code(), orderId).userErrors(), orderId);
        }
      }
    }
    return new Checkouts(redeemed, number - lastOrder);
  }

  /** A few hand-made corrections, as the shop's owner would make them. */
  private int seedAdjustments(String prefix, DemoShopPlan plan) {
    String actor =
        security.bootstrapAdminEmail() == null || security.bootstrapAdminEmail().isBlank()
            ? "demo-seeder"
            : security.bootstrapAdminEmail();
    List<DemoShopPlan.Shopper> shoppers =
        plan.customers().stream().map(DemoShopPlan.CustomerPlan::shopper).toList();
    DemoShopPlan.Shopper showcase = DemoShopPlan.showcase(shoppers);
    DemoShopPlan.Shopper refunded =
        plan.customers().stream()
            .filter(c -> c.orders().stream().anyMatch(o -> o.refund() != null))
            .map(DemoShopPlan.CustomerPlan::shopper)
            .findFirst()
            .orElse(showcase);
    DemoShopPlan.Shopper loyal =
        shoppers.stream()
            .filter(s -> s.segment() == DemoShopPlan.Segment.LOYAL && s != showcase)
            .findFirst()
            .orElse(showcase);
    record Adjustment(DemoShopPlan.Shopper shopper, long points, String reason) {}
    List<Adjustment> planned =
        List.of(
            new Adjustment(showcase, 250, "Goodwill: a parcel arrived two weeks late"),
            new Adjustment(refunded, 150, "Goodwill: an item arrived damaged"),
            new Adjustment(loyal, -40, "Correction: points of an order cancelled by phone"));
    int made = 0;
    for (int i = 0; i < planned.size(); i++) {
      Adjustment a = planned.get(i);
      AdjustmentService.AdjustResult result =
          adjustments.adjust(
              a.shopper().id(), a.points(), a.reason(), prefix + "-adjust-" + (i + 1), actor);
      if (result.userErrors().stream().anyMatch(e -> "INSUFFICIENT_POINTS".equals(e.code()))) {
        continue;
      }
      require(result.userErrors(), prefix + "-adjust-" + (i + 1));
      made++;
    }
    return made;
  }

  /** How many customers hold each tier, for the log. */
  private Map<String, Integer> tierCounts(DemoShopPlan plan) {
    Map<String, Integer> counts = new TreeMap<>();
    List<String> ids = plan.customers().stream().map(c -> c.shopper().id()).toList();
    for (int from = 0; from < ids.size(); from += 500) {
      Map<String, TierStanding> standings =
          tiers.standings(ids.subList(from, Math.min(ids.size(), from + 500)));
      for (TierStanding standing : standings.values()) {
        Tier tier = standing.tier();
        counts.merge(tier == null ? "none" : tier.name(), 1, Integer::sum);
      }
    }
    return counts;
  }

  private static <T> void inParallel(List<T> items, int threads, String what, Consumer<T> work) {
    AtomicInteger counter = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "demo-seed-" + what + "-" + counter.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> work.accept(item)));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("Seeding the demo " + what + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Seeding the demo " + what + " was interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Deadlocks roll the whole call back, and every call here is idempotent, so it is tried again
   * after a short random pause. Backdated orders meet deadlocks that live orders rarely do: their
   * points are due at once, so each transaction's due-lot scan runs into the others' new lots.
   */
  private <T> T retrying(Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (TransientDataAccessException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
        retries.incrementAndGet();
        log.debug("Demo seeding retries after a transient failure", e);
        try {
          Thread.sleep(ThreadLocalRandom.current().nextLong(5, 25) * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** The plan only makes valid input: a refusal is a bug of the seeder, said loudly. */
  private static void require(List<UserError> errors, String what) {
    if (!errors.isEmpty()) {
      throw new IllegalStateException("Demo seeding: " + what + " was refused: " + errors);
    }
  }
}
