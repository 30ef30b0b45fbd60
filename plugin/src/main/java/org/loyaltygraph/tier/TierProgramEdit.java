package org.loyaltygraph.tier;

/** Changes to the tier program; null fields stay as they are. */
public record TierProgramEdit(
    TierProgram.Basis basis,
    TierProgram.Window window,
    Integer windowMonths,
    Integer downgradeGraceDays,
    String timeZone) {}
