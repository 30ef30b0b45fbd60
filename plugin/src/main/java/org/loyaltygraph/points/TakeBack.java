package org.loyaltygraph.points;

/**
 * What taking back a refund's points did.
 *
 * @param reversed available points removed from the balance (may be from other lots, or into debt)
 * @param canceled pending points canceled before they matured
 * @param expired points that had expired already, so nothing was left to take back
 * @param shortfall points not taken back because the balance stopped at zero
 */
public record TakeBack(long reversed, long canceled, long expired, long shortfall) {

  public static final TakeBack NOTHING = new TakeBack(0, 0, 0, 0);
}
