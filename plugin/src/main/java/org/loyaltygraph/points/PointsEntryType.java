package org.loyaltygraph.points;

/** Kinds of ledger entry; each changes one lot's available points. */
public enum PointsEntryType {
  EARN,
  REDEEM,
  EXPIRE,
  REVERSE,
  ADJUST,
  SETTLE
}
