package org.loyaltygraph.graphql;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The storefront's own modification time of a record it sends ({@code updatedAt} of {@code
 * customerUpsert} and {@code productUpsert}): webhooks arrive out of order, and this time tells an
 * older update from a newer one. One rule for every feature that takes it.
 */
public final class StorefrontUpdatedAt {

  /**
   * How far ahead of this service's clock the time may be: a storefront clock a little fast passes,
   * a time far ahead (a bug) is refused, since it would make every later update look older.
   */
  static final Duration MAX_AHEAD = Duration.ofDays(1);

  private static final Instant EARLIEST = Instant.EPOCH;
  private static final DateTimeFormatter DATETIME_6 =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

  private StorefrontUpdatedAt() {}

  /** To the microsecond, as {@code DATETIME(6)} stores it, so the time read back equals it. */
  public static Instant of(Instant sent) {
    return sent == null ? null : sent.truncatedTo(ChronoUnit.MICROS);
  }

  /** Why the time is refused, if it is: before 1970, or more than a day ahead of {@code now}. */
  public static Optional<UserError> check(Instant sent, Instant now, String... field) {
    if (sent == null || (!sent.isBefore(EARLIEST) && !sent.isAfter(now.plus(MAX_AHEAD)))) {
      return Optional.empty();
    }
    return Optional.of(
        UserError.of(
            "INVALID",
            "updatedAt is from 1970 on and at most a day ahead of this service's clock.",
            field));
  }

  /**
   * Whether a record stored with the time {@code stored} is newer than an update sent with {@code
   * sent}: then the update is stale and writes nothing. An update without a time is never stale,
   * and neither is one with the same time (the latest call wins, as without times).
   */
  public static boolean isNewer(Instant stored, Instant sent) {
    return stored != null && sent != null && stored.isAfter(sent);
  }

  /**
   * The time as a {@code DATETIME(6)} parameter, in text: Connector/J sends a {@code Timestamp} to
   * MariaDB 10.x in whole seconds (it takes the server for one without fractions), and this time's
   * fraction decides which of two updates is the older.
   */
  public static String toDatetime6(Instant time) {
    return time == null ? null : DATETIME_6.format(time);
  }

  /** The time to store after an update that is not stale: the later of the two. */
  public static Instant latest(Instant stored, Instant sent) {
    if (stored == null) {
      return sent;
    }
    return sent == null || stored.isAfter(sent) ? stored : sent;
  }
}
