package org.loyaltygraph.system;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.jdbc.core.convert.JdbcCustomConversions;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;

/**
 * Spring Data JDBC's conversions, with {@code DATETIME} read back as the instant that was stored.
 * Writes need nothing: an {@code Instant} goes out as a {@code Timestamp}, as the JdbcClient code
 * sends it, and Connector/J stores it in the connection's time zone, UTC ({@code
 * connectionTimeZone=UTC}, set for every connection in application.properties, whatever the URL).
 */
@Configuration(proxyBeanMethods = false)
class DataJdbcConfiguration {

  @Bean
  JdbcCustomConversions jdbcCustomConversions(JdbcDialect dialect) {
    return JdbcCustomConversions.of(dialect, List.of(UtcDatetimeToInstant.INSTANCE));
  }

  /**
   * Connector/J answers {@code getObject} on a {@code DATETIME} with a LocalDateTime, the wall
   * clock as stored, in UTC; Spring Data's own conversion would read it in the JVM's time zone
   * instead.
   */
  @ReadingConverter
  enum UtcDatetimeToInstant implements Converter<LocalDateTime, Instant> {
    INSTANCE;

    @Override
    public Instant convert(LocalDateTime stored) {
      return stored.toInstant(ZoneOffset.UTC);
    }
  }
}
