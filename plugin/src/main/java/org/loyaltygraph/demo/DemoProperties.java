package org.loyaltygraph.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code loyaltygraph.demo.*}: the demo shop seeded on start (the {@code demo} profile sets {@code
 * seed=true}).
 *
 * @param seed seed the demo shop on start when it is not there yet
 * @param customers how many customers to create
 * @param orders about how many orders to record over the 18 months before now (at least 3 per
 *     customer, so that every segment gets its orders)
 * @param randomSeed the seed of the generator: the same seed and sizes give the same shop
 * @param threads how many threads record orders at once
 */
@ConfigurationProperties("loyaltygraph.demo")
public record DemoProperties(
    @DefaultValue("false") boolean seed,
    @DefaultValue("2000") int customers,
    @DefaultValue("20000") int orders,
    @DefaultValue("20261123") long randomSeed,
    @DefaultValue("4") int threads) {

  public DemoProperties {
    if (customers < 10 || customers > 99_999) {
      throw new IllegalArgumentException("loyaltygraph.demo.customers is 10 to 99,999");
    }
    if (orders < 3L * customers || orders > 999_000) {
      throw new IllegalArgumentException(
          "loyaltygraph.demo.orders is at least 3 per customer and at most 999,000");
    }
    if (threads < 1 || threads > 32) {
      throw new IllegalArgumentException("loyaltygraph.demo.threads is 1 to 32");
    }
  }

  /** The same settings with other sizes, e.g. a small shop for a test. */
  public DemoProperties withSizes(int customers, int orders) {
    return new DemoProperties(seed, customers, orders, randomSeed, threads);
  }
}
