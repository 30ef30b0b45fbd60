package org.loyaltygraph.tier;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.loyaltygraph.graphql.UserError;

/** Checks of admin input; each problem becomes a {@link UserError} on its input field. */
final class TierValidation {

  static final int MAX_ID_LENGTH = 64;
  static final int MAX_NAME_LENGTH = 200;
  static final int MAX_PERKS = 20;
  static final int MAX_PERK_LENGTH = 200;
  static final BigDecimal MIN_MULTIPLIER = BigDecimal.ONE;
  static final BigDecimal MAX_MULTIPLIER = BigDecimal.TEN;
  static final int MAX_WINDOW_MONTHS = 36;
  static final int MAX_GRACE_DAYS = 365;

  /** Plain decimals with at most four places: no signs, exponents or thousands separators. */
  private static final Pattern DECIMAL = Pattern.compile("\\d{1,2}(\\.\\d{1,4})?");

  private TierValidation() {}

  static String id(String id, List<UserError> errors) {
    if (id == null || id.isBlank()) {
      errors.add(UserError.of("REQUIRED", "The tier id is required.", "input", "id"));
      return null;
    }
    String trimmed = id.trim();
    if (trimmed.length() > MAX_ID_LENGTH) {
      errors.add(
          UserError.of(
              "INVALID",
              "The tier id holds at most " + MAX_ID_LENGTH + " characters.",
              "input",
              "id"));
      return null;
    }
    return trimmed;
  }

  static String name(String name, List<UserError> errors) {
    if (name == null || name.isBlank()) {
      errors.add(UserError.of("REQUIRED", "The tier name is required.", "input", "name"));
      return null;
    }
    if (name.trim().length() > MAX_NAME_LENGTH) {
      errors.add(
          UserError.of(
              "INVALID",
              "The tier name holds at most " + MAX_NAME_LENGTH + " characters.",
              "input",
              "name"));
      return null;
    }
    return name.trim();
  }

  static Long threshold(Long threshold, List<UserError> errors) {
    if (threshold == null) {
      errors.add(UserError.of("REQUIRED", "The threshold is required.", "input", "threshold"));
      return null;
    }
    if (threshold < 0) {
      errors.add(
          UserError.of("INVALID", "The threshold must not be negative.", "input", "threshold"));
      return null;
    }
    return threshold;
  }

  static BigDecimal multiplier(String multiplier, List<UserError> errors) {
    BigDecimal value = null;
    if (multiplier != null && DECIMAL.matcher(multiplier.trim()).matches()) {
      value = new BigDecimal(multiplier.trim());
    }
    if (value == null
        || value.compareTo(MIN_MULTIPLIER) < 0
        || value.compareTo(MAX_MULTIPLIER) > 0) {
      errors.add(
          UserError.of(
              "INVALID",
              "The points multiplier is a decimal from 1 to 10 with at most 4 places, e.g. 1.25.",
              "input",
              "pointsMultiplier"));
      return null;
    }
    return value;
  }

  static List<String> perks(List<String> perks, List<UserError> errors) {
    List<String> clean = new ArrayList<>();
    if (perks.size() > MAX_PERKS) {
      errors.add(
          UserError.of("INVALID", "A tier has at most " + MAX_PERKS + " perks.", "input", "perks"));
      return clean;
    }
    for (int i = 0; i < perks.size(); i++) {
      String perk = perks.get(i) == null ? "" : perks.get(i).trim();
      if (perk.isEmpty() || perk.length() > MAX_PERK_LENGTH) {
        errors.add(
            UserError.of(
                "INVALID",
                "A perk is 1 to " + MAX_PERK_LENGTH + " characters.",
                "input",
                "perks",
                String.valueOf(i)));
      } else {
        clean.add(perk);
      }
    }
    return clean;
  }

  static void windowMonths(Integer months, List<UserError> errors) {
    if (months != null && (months < 1 || months > MAX_WINDOW_MONTHS)) {
      errors.add(
          UserError.of(
              "INVALID",
              "The window is 1 to " + MAX_WINDOW_MONTHS + " months.",
              "input",
              "windowMonths"));
    }
  }

  static void graceDays(Integer days, List<UserError> errors) {
    if (days != null && (days < 0 || days > MAX_GRACE_DAYS)) {
      errors.add(
          UserError.of(
              "INVALID",
              "The grace period is 0 to " + MAX_GRACE_DAYS + " days.",
              "input",
              "downgradeGraceDays"));
    }
  }

  /** IANA region ids only ({@code Europe/Paris}, {@code UTC}); offsets such as +02:00 are not. */
  static ZoneId timeZone(String zone, List<UserError> errors) {
    if (zone == null || !ZoneId.getAvailableZoneIds().contains(zone.trim())) {
      errors.add(
          UserError.of(
              "INVALID",
              "The time zone must be an IANA zone id such as Europe/Paris.",
              "input",
              "timeZone"));
      return null;
    }
    return ZoneId.of(zone.trim());
  }
}
