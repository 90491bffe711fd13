package io.github.chatexport.cli;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Escaping for Markdown and YAML front matter. */
final class Markdown {
  private static final String PUNCTUATION = "\\`*_[]<>#|!~";

  private Markdown() {}

  /** Untrusted text as one line of literal Markdown text (headings, link labels, alt text). */
  static String inline(@Nullable String untrusted) {
    String line = Texts.oneLine(untrusted);
    StringBuilder out = new StringBuilder(line.length());
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (PUNCTUATION.indexOf(ch) >= 0) {
        out.append('\\');
      }
      out.append(ch);
    }
    return out.toString();
  }

  /** A relative link target: each path segment percent-encoded (UTF-8), {@code /} kept. */
  static String path(String relative) {
    StringBuilder out = new StringBuilder();
    for (byte b : relative.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~/".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** An http(s) URL made safe as a link target, or null for any other scheme. */
  static @Nullable String url(@Nullable String url) {
    if (url == null) {
      return null;
    }
    String u = url.strip();
    String lower = u.toLowerCase(java.util.Locale.ROOT);
    if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < u.length(); i++) {
      char ch = u.charAt(i);
      switch (ch) {
        case ' ' -> out.append("%20");
        case '(' -> out.append("%28");
        case ')' -> out.append("%29");
        case '<' -> out.append("%3C");
        case '>' -> out.append("%3E");
        default -> {
          if (!Character.isISOControl(ch)) {
            out.append(ch);
          }
        }
      }
    }
    return out.toString();
  }

  /** A YAML double-quoted scalar (a JSON string is one), of one line without control characters. */
  static String yaml(@Nullable String untrusted) {
    String line = Texts.oneLine(untrusted);
    return Json.write(g -> g.writeString(line));
  }
}
