package io.github.chatexport.cli;

import io.github.chatexport.api.Conversation;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Text from the export made fit for a terminal, and numbers made readable. */
final class Texts {
  private Texts() {}

  /**
   * One line for a terminal: line breaks, tabs and every control character (escape sequences
   * included) become one space; invisible direction overrides are dropped.
   */
  static String oneLine(@Nullable String untrusted) {
    if (untrusted == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(untrusted.length());
    boolean space = false;
    for (int i = 0; i < untrusted.length(); ) {
      int cp = untrusted.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isISOControl(cp)
          || Character.isWhitespace(cp)
          || isLineOrParagraphSeparator(cp)) {
        if (!space && out.length() > 0) {
          out.append(' ');
        }
        space = true;
      } else if (!isDirectionControl(cp)) {
        out.appendCodePoint(cp);
        space = false;
      }
    }
    return out.toString().strip();
  }

  /**
   * Text for a terminal, lines kept: every control character but line feed and tab is dropped (so
   * that no escape sequence from the export reaches the terminal), {@code \r\n} becomes {@code \n}.
   */
  static String printable(String untrusted) {
    StringBuilder out = new StringBuilder(untrusted.length());
    for (int i = 0; i < untrusted.length(); ) {
      int cp = untrusted.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\n' || cp == '\t') {
        out.append((char) cp);
      } else if (cp == '\r') {
        if (i >= untrusted.length() || untrusted.charAt(i) != '\n') {
          out.append('\n');
        }
      } else if (!Character.isISOControl(cp) && !isDirectionControl(cp)) {
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }

  /**
   * The conversation's id on one line, or {@code (no id)} (old and third-party files have none).
   */
  static String id(Conversation c) {
    return c.id().isEmpty() ? "(no id)" : oneLine(c.id());
  }

  /** The conversation's title for a terminal, or {@code (untitled)}. */
  static String title(Conversation c) {
    String title = oneLine(c.title());
    return title.isEmpty() ? "(untitled)" : title;
  }

  /** {@code 12,345}. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code 512 B}, {@code 12.3 KB}, {@code 4.0 MB}, {@code 1.2 GB} (powers of 1,000). */
  static String bytes(long n) {
    if (n < 1000) {
      return n + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double value = n;
    int unit = -1;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  /** {@code 1 conversation}, {@code 2 conversations}. */
  static String plural(long n, String singular, String plural) {
    return count(n) + " " + (n == 1 ? singular : plural);
  }

  private static boolean isLineOrParagraphSeparator(int cp) {
    return cp == 0x2028 || cp == 0x2029 || cp == 0x85;
  }

  /** Direction marks, embeddings, overrides and isolates: they can make a terminal line lie. */
  private static boolean isDirectionControl(int cp) {
    return cp == 0x061c
        || cp == 0x200e
        || cp == 0x200f
        || (cp >= 0x202a && cp <= 0x202e)
        || (cp >= 0x2066 && cp <= 0x2069);
  }
}
