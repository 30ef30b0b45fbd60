package org.loyaltygraph.tier;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * How tiers are earned and kept: what qualifies, over which window, and how long a customer keeps a
 * tier after falling below it. Windows are counted in whole days of the program's time zone.
 */
public record TierProgram(
    Basis basis, Window window, int windowMonths, int downgradeGraceDays, ZoneId timeZone) {

  /** The settings of a program nobody has configured yet. */
  public static final TierProgram DEFAULT =
      new TierProgram(Basis.SPEND, Window.ROLLING, 12, 30, ZoneId.of("UTC"));

  /** What qualifies. */
  public enum Basis {
    /** Net spend in minor units of the base currency. */
    SPEND,
    /** Points earned, after reversals. */
    POINTS;

    /** The one of the two amounts this basis counts. */
    public long of(long spend, long points) {
      return this == SPEND ? spend : points;
    }
  }

  /** Over what period activity counts. */
  public enum Window {
    /** The last {@code windowMonths} months, rolling day by day. */
    ROLLING,
    /** The current calendar year. */
    CALENDAR_YEAR
  }

  /** The first instant whose activity counts at {@code now}. */
  public Instant windowStart(Instant now) {
    LocalDate today = LocalDate.ofInstant(now, timeZone);
    LocalDate first =
        window == Window.ROLLING ? today.minusMonths(windowMonths) : today.withDayOfYear(1);
    return first.atStartOfDay(timeZone).toInstant();
  }

  /** The end of the window at {@code now} (exclusive), or null when it has none. */
  public Instant windowEnd(Instant now) {
    if (window == Window.ROLLING) {
      return null; // orders stamped a little ahead of our clock still count
    }
    LocalDate today = LocalDate.ofInstant(now, timeZone);
    return today.withDayOfYear(1).plusYears(1).atStartOfDay(timeZone).toInstant();
  }

  /** When activity that occurred at {@code occurredAt} stops counting. */
  public Instant dropsOutAt(Instant occurredAt) {
    LocalDate day = LocalDate.ofInstant(occurredAt, timeZone);
    if (window == Window.CALENDAR_YEAR) {
      return day.withDayOfYear(1).plusYears(1).atStartOfDay(timeZone).toInstant();
    }
    // The first day whose window no longer reaches back to `day`; month ends clamp (Mar 31 - 1
    // month = Feb 28), so step forward until the window really starts after it.
    LocalDate out = day.plusMonths(windowMonths);
    while (!out.minusMonths(windowMonths).isAfter(day)) {
      out = out.plusDays(1);
    }
    return out.atStartOfDay(timeZone).toInstant();
  }
}
