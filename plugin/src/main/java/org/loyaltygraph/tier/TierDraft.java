package org.loyaltygraph.tier;

import java.util.List;

/**
 * A tier to create, as an admin sent it; {@link TierService#create} checks it.
 *
 * @param pointsMultiplier decimal string, 1 to 10; null means 1
 * @param freeShipping null means false
 * @param perks null means none
 */
public record TierDraft(
    String id,
    String name,
    Long threshold,
    String pointsMultiplier,
    Boolean freeShipping,
    List<String> perks) {}
