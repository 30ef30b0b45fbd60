package org.loyaltygraph.points;

/** A reward of the catalogue. Money fields are minor units of the base currency. */
public record Reward(
    String id,
    String name,
    String description,
    long costPoints,
    Type type,
    Long amountOff,
    String currency,
    Integer percentOff,
    boolean active,
    Long maxPointsPerOrder,
    Integer maxSharePercent) {

  /** A reward without limits of its own on the orders it is used on. */
  public Reward(
      String id,
      String name,
      String description,
      long costPoints,
      Type type,
      Long amountOff,
      String currency,
      Integer percentOff,
      boolean active) {
    this(
        id,
        name,
        description,
        costPoints,
        type,
        amountOff,
        currency,
        percentOff,
        active,
        null,
        null);
  }

  /** What the reward takes off an order of {@code subtotal} (minor units of the base currency). */
  public long valueOn(long subtotal) {
    return switch (type) {
      case AMOUNT_OFF -> amountOff == null ? 0 : amountOff;
      case PERCENT_OFF -> percentOff == null ? 0 : subtotal * percentOff / 100;
      case FREE_SHIPPING -> 0;
    };
  }

  /** What the reward gives. */
  public enum Type {
    AMOUNT_OFF,
    PERCENT_OFF,
    FREE_SHIPPING
  }
}
