package org.loyaltygraph.tier;

import java.util.List;

/** Changes to one tier; null fields stay as they are, {@code perks} replaces the old list. */
public record TierEdit(
    String id,
    String name,
    Long threshold,
    String pointsMultiplier,
    Boolean freeShipping,
    List<String> perks) {}
