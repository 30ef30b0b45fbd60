package org.loyaltygraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path answers exactly what the JDK's parser answers, and refuses what it refuses. */
class IsoDateTimesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-05-01T10:00:00Z",
        "2026-05-01T10:00:00.5Z",
        "2026-05-01T10:00:00.123456789Z",
        "2026-05-01T10:00:00.000001+02:00",
        "2026-12-31T23:59:59-05:30",
        "2024-02-29T00:00:00+00:00",
        "2026-05-01T10:00:00-00:00",
        "0001-01-01T00:00:00+18:00",
        "2026-05-01t10:00:00z",
        "2026-05-01T10:00:00+02:00:30",
        "2026-05-01T10:00:00.Z",
        "2026-05-01T10:00Z"
      })
  void acceptsWhatTheJdkAcceptsAsTheJdkReadsIt(String text) {
    assertThat(IsoDateTimes.parse(text)).isEqualTo(OffsetDateTime.parse(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-02-29T10:00:00Z",
        "2026-13-01T10:00:00Z",
        "2026-05-01T24:00:00Z",
        "2026-05-01T10:60:00Z",
        "2026-05-01T10:00:60Z",
        "2026-05-01T10:00:00.1234567890Z",
        "2026-05-01T10:00:00+19:00",
        "2026-05-01T10:00:00+02:60",
        "2026-05-01T10:00:00",
        "2026-05-01 10:00:00Z",
        "2026-05-01T10:00:00Zjunk",
        "+2026-05-01T10:00:00Z",
        "2026-5-01T10:00:00Z",
        "2026-05-01T10:00:0xZ"
      })
  void refusesWhatTheJdkRefuses(String text) {
    assertThatThrownBy(() -> OffsetDateTime.parse(text)).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> IsoDateTimes.parse(text)).isInstanceOf(DateTimeParseException.class);
  }

  @Test
  void theCommonFormTakesTheFastPathAndAgreesWithTheJdk() {
    Random random = new Random(20261130);
    for (int i = 0; i < 20_000; i++) {
      OffsetDateTime time =
          OffsetDateTime.of(
              1 + random.nextInt(9999),
              1 + random.nextInt(12),
              1 + random.nextInt(28),
              random.nextInt(24),
              random.nextInt(60),
              random.nextInt(60),
              random.nextInt(3) == 0 ? 0 : random.nextInt(1_000_000_000),
              random.nextBoolean()
                  ? ZoneOffset.UTC
                  : ZoneOffset.ofTotalSeconds((random.nextInt(73) - 36) * 15 * 60));
      // seconds always, the fraction in as few digits as it needs
      String text = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
      assertThat(IsoDateTimes.parseCommonForm(text)).as(text).isEqualTo(time);
      assertThat(IsoDateTimes.parse(text)).as(text).isEqualTo(OffsetDateTime.parse(text));
    }
  }
}
