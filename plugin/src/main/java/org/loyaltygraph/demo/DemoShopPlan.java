package org.loyaltygraph.demo;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.loyaltygraph.customer.CustomerUpsert;
import org.loyaltygraph.order.OrderInput;
import org.loyaltygraph.order.RefundInput;
import org.loyaltygraph.points.Reward;

/**
 * The demo shop's customers and their orders and refunds over the 18 months before {@code now},
 * drawn from a seeded {@link Random}: the same seed, sizes and {@code now} give the same shop.
 *
 * <p>Orders follow the calendar (a November/December peak with Black Friday, a summer dip, a mild
 * growth trend) and the customer's segment: a small loyal core that buys often and spends most,
 * regulars, one-time buyers, churners whose last order is more than six months old, and customers
 * who joined in the last three months.
 */
final class DemoShopPlan {

  static final int MONTHS = 18;

  /** How a customer shops. */
  enum Segment {
    /** Buys several times a month all along, with bigger baskets. */
    LOYAL(0.10, 2.2, 8),
    /** Buys every month or two all along. */
    REGULAR(0.30, 0.55, 2),
    /** One order, ever. */
    ONE_TIME(0.26, 0, 1),
    /** Bought for a while, then nothing in the last six months. */
    CHURNED(0.18, 0.8, 2),
    /** First order in the last three months. */
    NEW(0.16, 1.0, 1);

    final double share;
    final double ordersPerMonth;
    final int minOrders;

    Segment(double share, double ordersPerMonth, int minOrders) {
      this.share = share;
      this.ordersPerMonth = ordersPerMonth;
      this.minOrders = minOrders;
    }
  }

  /** A customer of the plan; {@code number} is 1-based and part of the id. */
  record Shopper(
      int number,
      String id,
      CustomerUpsert profile,
      Segment segment,
      double appetite,
      List<String> favourites) {}

  /** An order and, for a few, its refund. */
  record PlannedOrder(OrderInput order, RefundInput refund) {}

  /** A customer with its orders, oldest first. */
  record CustomerPlan(Shopper shopper, List<PlannedOrder> orders) {}

  private final List<CustomerPlan> customers;

  private DemoShopPlan(List<CustomerPlan> customers) {
    this.customers = customers;
  }

  List<CustomerPlan> customers() {
    return customers;
  }

  int orderCount() {
    return customers.stream().mapToInt(c -> c.orders().size()).sum();
  }

  int refundCount() {
    return (int)
        customers.stream()
            .flatMap(c -> c.orders().stream())
            .filter(o -> o.refund() != null)
            .count();
  }

  static String customerId(String prefix, int number) {
    return String.format(Locale.ROOT, "%s-c-%05d", prefix, number);
  }

  static String orderId(String prefix, int number) {
    return String.format(Locale.ROOT, "%s-o-%06d", prefix, number);
  }

  /**
   * The customers alone, without their orders: they depend on the seed and the count only, not on
   * the time, so that the start-up banner can name the same showcase customer on every start.
   */
  static List<Shopper> shoppers(String prefix, int count, long seed) {
    Random random = new Random(seed);
    List<Segment> segments = new ArrayList<>();
    int assigned = 0;
    for (Segment s : Segment.values()) {
      if (s != Segment.REGULAR) {
        int n = Math.max(1, (int) Math.round(count * s.share));
        segments.addAll(Collections.nCopies(n, s));
        assigned += n;
      }
    }
    segments.addAll(Collections.nCopies(count - assigned, Segment.REGULAR));
    Collections.shuffle(segments, random);
    List<Shopper> shoppers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String first = pick(DemoCatalogue.FIRST_NAMES, random);
      String last = pick(DemoCatalogue.LAST_NAMES, random);
      String zone = pick(DemoCatalogue.TIME_ZONES, random);
      // how much more or less than its segment's average this customer buys
      double appetite = Math.exp(0.45 * random.nextGaussian());
      String favourite = pick(DemoCatalogue.CATEGORIES, random);
      String second = pick(DemoCatalogue.CATEGORIES, random);
      String id = customerId(prefix, i + 1);
      String email = (first + "." + last + "." + (i + 1) + "@example.com").toLowerCase(Locale.ROOT);
      shoppers.add(
          new Shopper(
              i + 1,
              id,
              new CustomerUpsert(id, email, first, last, zone),
              segments.get(i),
              appetite,
              List.of(favourite, second)));
    }
    return shoppers;
  }

  /** The loyal customer who buys the most: the one the banner shows a shopper token for. */
  static Shopper showcase(List<Shopper> shoppers) {
    return shoppers.stream()
        .filter(s -> s.segment() == Segment.LOYAL)
        .max(Comparator.comparingDouble(Shopper::appetite))
        .orElse(shoppers.get(0));
  }

  static DemoShopPlan generate(
      String prefix, int customerCount, int orderCount, long seed, Instant now) {
    List<Shopper> shoppers = shoppers(prefix, customerCount, seed);
    Random random = new Random(seed ^ 0x9E3779B97F4A7C15L);
    Calendar calendar = new Calendar(now);
    int[][] windows = new int[customerCount][];
    double[] weights = new double[customerCount];
    for (Shopper s : shoppers) {
      int[] w = calendar.window(s.segment(), random);
      windows[s.number() - 1] = w;
      weights[s.number() - 1] =
          s.segment().ordersPerMonth * s.appetite() * calendar.months(w[0], w[1]);
    }
    int[] counts = allocate(shoppers, weights, orderCount);

    List<Draft> drafts = new ArrayList<>();
    for (Shopper s : shoppers) {
      int[] w = windows[s.number() - 1];
      for (int k = 0; k < counts[s.number() - 1]; k++) {
        Instant placedAt = calendar.sample(w[0], w[1], ZoneId.of(s.profile().timeZone()), random);
        drafts.add(draft(s, placedAt, now, random));
      }
    }
    // numbered in time order, as a real shop's order numbers grow
    drafts.sort(Comparator.comparing(Draft::placedAt).thenComparingInt(d -> d.shopper().number()));
    List<List<PlannedOrder>> byCustomer = new ArrayList<>();
    shoppers.forEach(s -> byCustomer.add(new ArrayList<>()));
    for (int i = 0; i < drafts.size(); i++) {
      Draft d = drafts.get(i);
      String orderId = orderId(prefix, i + 1);
      OrderInput order =
          new OrderInput(
              orderId,
              d.shopper().id(),
              d.placedAt(),
              DemoCatalogue.CURRENCY,
              null,
              0,
              d.shipping(),
              d.tax(),
              d.lines());
      RefundInput refund =
          d.refund() == null
              ? null
              : d.refund().toInput(String.format(Locale.ROOT, "%s-rf-%06d", prefix, i + 1), order);
      byCustomer.get(d.shopper().number() - 1).add(new PlannedOrder(order, refund));
    }
    List<CustomerPlan> plans = new ArrayList<>();
    for (Shopper s : shoppers) {
      plans.add(new CustomerPlan(s, List.copyOf(byCustomer.get(s.number() - 1))));
    }
    return new DemoShopPlan(List.copyOf(plans));
  }

  /**
   * An order placed now that uses a reward's discount code: amount off, percent off, or free
   * shipping on a basket big enough for it.
   */
  static OrderInput checkoutWith(
      String orderId, Shopper shopper, Reward reward, Instant now, Random random) {
    List<OrderInput.Line> lines;
    long gross;
    do {
      lines = basket(shopper, now, random);
      gross = lines.stream().mapToLong(l -> l.quantity() * l.unitPrice() - l.discount()).sum();
    } while (gross < 3000);
    long discount =
        switch (reward.type()) {
          case AMOUNT_OFF -> reward.amountOff();
          case PERCENT_OFF -> gross * reward.percentOff() / 100;
          case FREE_SHIPPING -> 0;
        };
    long shipping = reward.type() == Reward.Type.FREE_SHIPPING ? 0 : shipping(gross - discount);
    return new OrderInput(
        orderId,
        shopper.id(),
        now,
        DemoCatalogue.CURRENCY,
        null,
        discount,
        shipping,
        tax(gross - discount),
        lines);
  }

  /** An order before it has its number. */
  private record Draft(
      Shopper shopper,
      Instant placedAt,
      List<OrderInput.Line> lines,
      long shipping,
      long tax,
      RefundShape refund) {}

  /** What a refund will take back, before the order has its id. */
  private record RefundShape(Instant refundedAt, Kind kind, int lineIndex) {

    enum Kind {
      WHOLE_ORDER,
      ONE_UNIT,
      GOODWILL_AMOUNT
    }

    RefundInput toInput(String refundId, OrderInput order) {
      return switch (kind) {
        case WHOLE_ORDER ->
            new RefundInput(
                refundId,
                order.id(),
                refundedAt,
                order.lines().stream()
                    .map(l -> new RefundInput.Line(l.lineId(), l.quantity()))
                    .toList(),
                null);
        case ONE_UNIT ->
            new RefundInput(
                refundId,
                order.id(),
                refundedAt,
                List.of(new RefundInput.Line(order.lines().get(lineIndex).lineId(), 1)),
                null);
        case GOODWILL_AMOUNT -> {
          long paid =
              order.lines().stream()
                  .mapToLong(l -> l.quantity() * l.unitPrice() - l.discount())
                  .sum();
          yield new RefundInput(refundId, order.id(), refundedAt, null, Math.max(100, paid / 5));
        }
      };
    }
  }

  private static Draft draft(Shopper s, Instant placedAt, Instant now, Random random) {
    List<OrderInput.Line> lines = basket(s, placedAt, random);
    long paid = lines.stream().mapToLong(l -> l.quantity() * l.unitPrice() - l.discount()).sum();
    // every draw is made whatever the time, so that a start a few hours later draws the same shop
    boolean returned = random.nextDouble() < 0.035;
    Instant refundedAt =
        placedAt.plus(2 + random.nextInt(28), ChronoUnit.DAYS).plusSeconds(random.nextInt(86400));
    double kind = random.nextDouble();
    int lineIndex = random.nextInt(lines.size());
    RefundShape refund = null;
    // about 3.5% of orders come back, in part or whole; none of the last two days' yet
    if (returned && placedAt.isBefore(now.minus(2, ChronoUnit.DAYS))) {
      refund =
          new RefundShape(
              refundedAt.isAfter(now) ? now : refundedAt,
              kind < 0.4
                  ? RefundShape.Kind.WHOLE_ORDER
                  : kind < 0.85 ? RefundShape.Kind.ONE_UNIT : RefundShape.Kind.GOODWILL_AMOUNT,
              lineIndex);
    }
    return new Draft(s, placedAt, lines, shipping(paid), tax(paid), refund);
  }

  private static List<OrderInput.Line> basket(Shopper s, Instant placedAt, Random random) {
    int[] lineWeights =
        s.segment() == Segment.LOYAL ? new int[] {45, 32, 16, 7} : new int[] {68, 24, 7, 1};
    int lineCount = 1 + weighted(lineWeights, random);
    LocalDate day = LocalDate.ofInstant(placedAt, ZoneId.of(s.profile().timeZone()));
    Set<String> skus = new HashSet<>();
    List<OrderInput.Line> lines = new ArrayList<>();
    for (int attempt = 0; lines.size() < lineCount && attempt < 20; attempt++) {
      String category =
          random.nextDouble() < 0.65
              ? s.favourites().get(random.nextInt(2))
              : pick(DemoCatalogue.CATEGORIES, random);
      List<DemoCatalogue.Item> items =
          DemoCatalogue.ITEMS.stream().filter(i -> i.category().equals(category)).toList();
      DemoCatalogue.Item item = popular(items, random);
      if (!skus.add(item.sku())) {
        continue;
      }
      int quantity =
          1
              + weighted(
                  item.price() < 2000 ? new int[] {60, 30, 10} : new int[] {88, 10, 2}, random);
      int percentOff = sale(day, category, random);
      long discount = quantity * item.price() * percentOff / 100;
      lines.add(
          new OrderInput.Line(
              Integer.toString(lines.size() + 1),
              item.sku(),
              item.category(),
              quantity,
              item.price(),
              discount));
    }
    return List.copyOf(lines);
  }

  /** The percent off a line gets on that day: Black Friday week, Christmas, summer, January. */
  private static int sale(LocalDate day, String category, Random random) {
    Month month = day.getMonth();
    if ((month == Month.NOVEMBER && day.getDayOfMonth() >= 22)
        || (month == Month.DECEMBER && day.getDayOfMonth() <= 2)) {
      return random.nextDouble() < 0.5 ? 25 : 0;
    }
    if (month == Month.DECEMBER && day.getDayOfMonth() <= 24) {
      return random.nextDouble() < 0.25 ? 10 : 0;
    }
    boolean seasonal =
        category.equals("apparel") || category.equals("footwear") || category.equals("outdoor");
    if (month == Month.JULY && seasonal) {
      return random.nextDouble() < 0.4 ? 20 : 0;
    }
    if (month == Month.JANUARY && seasonal) {
      return random.nextDouble() < 0.3 ? 30 : 0;
    }
    return 0;
  }

  /** Standard shipping 5.99 under 50.00, free above. */
  private static long shipping(long paid) {
    return paid < 5000 ? 599 : 0;
  }

  /** Sales tax at 8%, which earns no points under the default rules. */
  private static long tax(long paid) {
    return Math.round(paid * 0.08);
  }

  /**
   * Order counts per customer in proportion to their weights, with each segment's minimum, summing
   * to {@code orders} whenever the minimums allow it.
   */
  private static int[] allocate(List<Shopper> shoppers, double[] weights, int orders) {
    int[] counts = new int[shoppers.size()];
    int fixed = 0;
    double total = 0;
    List<Integer> flexible = new ArrayList<>();
    for (Shopper s : shoppers) {
      int i = s.number() - 1;
      if (s.segment() == Segment.ONE_TIME) {
        counts[i] = 1;
        fixed++;
      } else {
        flexible.add(i);
        total += weights[i];
      }
    }
    double scale = total == 0 ? 0 : (orders - fixed) / total;
    int sum = fixed;
    for (int i : flexible) {
      counts[i] =
          Math.max(shoppers.get(i).segment().minOrders, (int) Math.round(weights[i] * scale));
      sum += counts[i];
    }
    // the biggest buyers absorb the rounding, one order at a time
    flexible.sort(Comparator.comparingDouble((Integer i) -> -weights[i]).thenComparing(i -> i));
    int diff = orders - sum;
    for (int k = 0; diff != 0 && !flexible.isEmpty(); k++) {
      int i = flexible.get(k % flexible.size());
      if (diff > 0) {
        counts[i]++;
        diff--;
      } else if (counts[i] > shoppers.get(i).segment().minOrders) {
        counts[i]--;
        diff++;
      } else if (k > 2 * flexible.size() * Math.max(1, Math.abs(diff))) {
        break; // every customer is at its minimum: a few more orders than asked
      }
    }
    return counts;
  }

  /** The days of the 18 months before now, each weighted by how much a shop sells on it. */
  private static final class Calendar {

    private static final double[] MONTH =
    // Jan   Feb   Mar   Apr   May   Jun   Jul   Aug   Sep   Oct   Nov   Dec
    {0.85, 0.80, 0.90, 0.95, 0.90, 0.72, 0.65, 0.70, 0.95, 1.05, 1.60, 1.85};
    private static final int[] HOUR = {
      2, 1, 1, 1, 1, 2, 3, 5, 6, 7, 8, 9, 11, 10, 8, 8, 8, 9, 11, 13, 14, 12, 8, 4
    };

    private final Instant now;
    private final LocalDate first;
    private final int today;
    private final int sixMonthsAgo;
    private final double[] cumulative;

    Calendar(Instant now) {
      this.now = now;
      LocalDate last = LocalDate.ofInstant(now, ZoneOffset.UTC);
      this.first = last.minusMonths(MONTHS);
      this.today = (int) ChronoUnit.DAYS.between(first, last);
      this.sixMonthsAgo = (int) ChronoUnit.DAYS.between(first, last.minusMonths(6));
      this.cumulative = new double[today + 2];
      for (int d = 0; d <= today; d++) {
        cumulative[d + 1] = cumulative[d] + weight(first.plusDays(d), (double) d / today);
      }
    }

    private static double weight(LocalDate day, double progress) {
      double w = MONTH[day.getMonthValue() - 1] * (0.85 + 0.3 * progress);
      LocalDate thanksgiving =
          day.withMonth(11)
              .withDayOfMonth(1)
              .with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY));
      if (day.equals(thanksgiving.plusDays(1)) || day.equals(thanksgiving.plusDays(4))) {
        w *= 3; // Black Friday and Cyber Monday
      }
      if (day.getMonth() == Month.DECEMBER && day.getDayOfMonth() >= 25) {
        w *= 0.6;
      }
      return w;
    }

    /** The first and last day index (inclusive) a customer of the segment buys in. */
    int[] window(Segment segment, Random random) {
      return switch (segment) {
        case LOYAL -> new int[] {random.nextInt(61), today};
        case REGULAR -> new int[] {random.nextInt(241), today};
        case ONE_TIME -> new int[] {0, today};
        case CHURNED -> {
          // two days' margin: local times in the customer's zone may fall a day later in UTC
          int last = Math.max(30, sixMonthsAgo - 2 - random.nextInt(151));
          yield new int[] {Math.max(0, Math.min(random.nextInt(121), last - 30)), last};
        }
        case NEW -> new int[] {Math.max(0, today - 7 - random.nextInt(84)), today};
      };
    }

    /** The window's length in months of average trade. */
    double months(int from, int to) {
      double average = cumulative[today + 1] / (today + 1);
      return (cumulative[to + 1] - cumulative[from]) / average / 30.44;
    }

    /** A moment in the window, days drawn by their weight, hours by when people shop. */
    Instant sample(int from, int to, ZoneId zone, Random random) {
      double u = cumulative[from] + random.nextDouble() * (cumulative[to + 1] - cumulative[from]);
      int index = Arrays.binarySearch(cumulative, from, to + 2, u);
      int day = Math.min(to, Math.max(from, (index >= 0 ? index : -index - 2)));
      LocalTime time = LocalTime.of(weighted(HOUR, random), random.nextInt(60), random.nextInt(60));
      Instant at = first.plusDays(day).atTime(time).atZone(zone).toInstant();
      Instant earlierToday = now.minusSeconds(60L + random.nextInt(3 * 3600));
      return at.isBefore(now) ? at : earlierToday;
    }
  }

  /** Cheap things sell more often: an item's chance goes with 1 / sqrt(price). */
  private static DemoCatalogue.Item popular(List<DemoCatalogue.Item> items, Random random) {
    double total = items.stream().mapToDouble(i -> 1 / Math.sqrt(i.price())).sum();
    double r = random.nextDouble() * total;
    for (DemoCatalogue.Item item : items) {
      r -= 1 / Math.sqrt(item.price());
      if (r < 0) {
        return item;
      }
    }
    return items.get(items.size() - 1);
  }

  private static <T> T pick(List<T> list, Random random) {
    return list.get(random.nextInt(list.size()));
  }

  private static int weighted(int[] weights, Random random) {
    int total = Arrays.stream(weights).sum();
    int r = random.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }
}
