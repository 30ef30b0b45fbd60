package org.loyaltygraph.order;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code loyaltygraph.orders.*}.
 *
 * @param guestLinkWindow how old a guest order may be and still be credited when its guest
 *     registers
 * @param batch how concurrent {@code orderRecord} calls are written together
 */
@ConfigurationProperties("loyaltygraph.orders")
public record OrderProperties(
    @DefaultValue("365d") Duration guestLinkWindow, @DefaultValue Batch batch) {

  /**
   * {@code loyaltygraph.orders.batch.*}: orders that arrive while others are being written wait and
   * are then written together, in one transaction.
   *
   * @param writers threads that write batches (0: every order is written alone, on its request's
   *     thread)
   * @param maxSize the most orders one transaction writes
   * @param fillTo while another writer is writing, a writer holding fewer orders than this waits
   *     (up to {@code linger}) for more before it writes: under load, batches stay large instead of
   *     being split between the writers; alone, an order never waits
   * @param linger the longest a writer waits to fill its batch
   */
  public record Batch(
      @DefaultValue("2") int writers,
      @DefaultValue("32") int maxSize,
      @DefaultValue("8") int fillTo,
      @DefaultValue("3ms") Duration linger) {}
}
