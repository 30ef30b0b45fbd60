package org.loyaltygraph.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.loyaltygraph.order.OrderInput;

/** The generator alone, at the default sizes: no database, so it runs in a second. */
class DemoShopPlanTest {

  static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");

  static final DemoShopPlan PLAN = DemoShopPlan.generate("demo", 2_000, 20_000, 20261123L, NOW);

  @Test
  void theSameSeedDrawsTheSameShop() {
    DemoShopPlan again = DemoShopPlan.generate("demo", 2_000, 20_000, 20261123L, NOW);

    assertThat(again.customers()).isEqualTo(PLAN.customers());
  }

  @Test
  void aStartLaterTheSameDayDrawsTheSameOrdersAndAlmostTheSameRefunds() {
    DemoShopPlan later =
        DemoShopPlan.generate("demo", 2_000, 20_000, 20261123L, NOW.plusSeconds(3 * 3600));

    assertThat(later.customers())
        .extracting(c -> c.shopper().id() + ":" + c.orders().size())
        .isEqualTo(
            PLAN.customers().stream()
                .map(c -> c.shopper().id() + ":" + c.orders().size())
                .toList());
    assertThat(later.customers().get(0).orders()).isEqualTo(PLAN.customers().get(0).orders());
    // only orders that cross the "placed more than two days ago" line may gain or lose a refund
    assertThat(later.refundCount()).isBetween(PLAN.refundCount() - 3, PLAN.refundCount() + 3);
  }

  @Test
  void theShowcaseCustomerDoesNotDependOnTheTime() {
    assertThat(DemoShopPlan.showcase(DemoShopPlan.shoppers("demo", 2_000, 20261123L)))
        .isEqualTo(
            DemoShopPlan.showcase(
                PLAN.customers().stream().map(DemoShopPlan.CustomerPlan::shopper).toList()));
  }

  @Test
  void twentyThousandOrdersWithReadableIdsOverTheEighteenMonthsBeforeNow() {
    List<OrderInput> orders = orders();
    Instant start =
        ZonedDateTime.ofInstant(NOW, ZoneOffset.UTC).minusMonths(18).minusDays(1).toInstant();

    assertThat(PLAN.orderCount()).isEqualTo(20_000);
    assertThat(orders).extracting(OrderInput::id).contains("demo-o-000001", "demo-o-020000");
    assertThat(PLAN.customers().get(0).shopper().id()).isEqualTo("demo-c-00001");
    assertThat(orders).allSatisfy(o -> assertThat(o.placedAt()).isBetween(start, NOW));
  }

  @Test
  void orderNumbersGrowWithTime() {
    List<OrderInput> byNumber =
        orders().stream().sorted(java.util.Comparator.comparing(OrderInput::id)).toList();

    for (int i = 1; i < byNumber.size(); i++) {
      assertThat(byNumber.get(i).placedAt()).isAfterOrEqualTo(byNumber.get(i - 1).placedAt());
    }
  }

  @Test
  void everySegmentIsThereAndChurnersStoppedSixMonthsAgo() {
    Map<DemoShopPlan.Segment, List<DemoShopPlan.CustomerPlan>> bySegment =
        PLAN.customers().stream().collect(Collectors.groupingBy(c -> c.shopper().segment()));
    Instant sixMonthsAgo = ZonedDateTime.ofInstant(NOW, ZoneOffset.UTC).minusMonths(6).toInstant();

    assertThat(bySegment).containsOnlyKeys(DemoShopPlan.Segment.values());
    assertThat(bySegment.get(DemoShopPlan.Segment.LOYAL))
        .allSatisfy(c -> assertThat(c.orders()).hasSizeGreaterThanOrEqualTo(8));
    assertThat(bySegment.get(DemoShopPlan.Segment.ONE_TIME))
        .allSatisfy(c -> assertThat(c.orders()).hasSize(1));
    assertThat(bySegment.get(DemoShopPlan.Segment.CHURNED))
        .allSatisfy(
            c ->
                assertThat(c.orders())
                    .allSatisfy(o -> assertThat(o.order().placedAt()).isBefore(sixMonthsAgo)));
  }

  @Test
  void theLoyalTenthOfCustomersSpendsMostOfTheRevenue() {
    long all = PLAN.customers().stream().mapToLong(DemoShopPlanTest::spend).sum();
    long loyal =
        PLAN.customers().stream()
            .filter(c -> c.shopper().segment() == DemoShopPlan.Segment.LOYAL)
            .mapToLong(DemoShopPlanTest::spend)
            .sum();

    assertThat(loyal).isGreaterThan(all * 2 / 5);
  }

  @Test
  void aFewPercentOfOrdersComeBack() {
    assertThat(PLAN.refundCount()).isBetween(400, 1_000);
  }

  private List<OrderInput> orders() {
    return PLAN.customers().stream()
        .flatMap(c -> c.orders().stream())
        .map(DemoShopPlan.PlannedOrder::order)
        .toList();
  }

  private static long spend(DemoShopPlan.CustomerPlan c) {
    return c.orders().stream()
        .flatMap(o -> o.order().lines().stream())
        .mapToLong(l -> l.quantity() * l.unitPrice() - l.discount())
        .sum();
  }
}
