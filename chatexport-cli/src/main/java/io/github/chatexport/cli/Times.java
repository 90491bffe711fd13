package io.github.chatexport.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Times for people (in the chosen zone) and for machines (UTC ISO-8601). */
final class Times {
  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private Times() {}

  /** {@code 2024-05-10 09:12} in {@code zone}, or {@code -}. */
  static String minutes(@Nullable Instant t, ZoneId zone) {
    return t == null ? "-" : MINUTES.format(t.atZone(zone));
  }

  /** {@code 2024-05-10 09:12:31} in {@code zone}, or an empty string. */
  static String seconds(@Nullable Instant t, ZoneId zone) {
    return t == null ? "" : SECONDS.format(t.atZone(zone));
  }

  /** UTC ISO-8601 ({@code 2024-05-10T07:12:31.123456Z}), or null. */
  static @Nullable String utc(@Nullable Instant t) {
    return t == null ? null : t.toString();
  }

  /**
   * Parses a bound given on the command line: an instant with a zone or offset ({@code
   * 2024-05-10T09:00Z}, {@code 2024-05-10T09:00+02:00}), a local date-time ({@code
   * 2024-05-10T09:00}, {@code 2024-05-10 09:00}) or a date ({@code 2024-05-10}), the last two in
   * {@code zone}. A date is its first instant, or with {@code endOfDay} the first instant of the
   * next day (so {@code --until 2024-05-10} includes that day).
   *
   * @throws IllegalArgumentException if the text is none of these
   */
  static Instant bound(String text, ZoneId zone, boolean endOfDay) {
    String t = text.strip().replace(' ', 'T');
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      // not with an offset
    }
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      // not an instant
    }
    try {
      return LocalDateTime.parse(t).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      // not a local date-time
    }
    try {
      LocalDate date = LocalDate.parse(t);
      return (endOfDay ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "not a date or time: '"
              + text
              + "' (use 2024-05-10, 2024-05-10T09:00 or 2024-05-10T09:00Z)",
          e);
    }
  }
}
