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
    boolean active) {

  /** What the reward gives. */
  public enum Type {
    AMOUNT_OFF,
    PERCENT_OFF,
    FREE_SHIPPING
  }
}
