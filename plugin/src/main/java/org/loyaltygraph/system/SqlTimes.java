package org.loyaltygraph.system;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Instants to and from {@code DATETIME(6)} columns, which hold UTC. Bound and read as {@link
 * LocalDateTime} in UTC rather than as {@link java.sql.Timestamp}: Connector/J builds a {@code
 * SimpleDateFormat} for every {@code Timestamp} it binds and a {@code Calendar} for every one it
 * reads (7 % of the CPU of {@code orderRecord}), and formats a {@code LocalDateTime} with a shared
 * formatter. The stored value is the same either way (the connection's time zone is UTC).
 */
public final class SqlTimes {

  private SqlTimes() {}

  /** The parameter for {@code instant}, null for null. */
  public static LocalDateTime of(Instant instant) {
    return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** The instant in {@code column}, null for SQL NULL. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    LocalDateTime value = rs.getObject(column, LocalDateTime.class);
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }
}
