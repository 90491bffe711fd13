package io.github.chatexport.cli;

import org.jspecify.annotations.Nullable;

/** Text from the export made inert in HTML: escaped for element content and attribute values. */
final class Html {
  private Html() {}

  /**
   * {@code untrusted} for element content or a double-quoted attribute: {@code & < > " '} escaped,
   * control characters other than line feed and tab dropped (so is U+0000), lone surrogates
   * replaced.
   */
  static String text(@Nullable String untrusted) {
    if (untrusted == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(untrusted.length() + 16);
    escape(out, untrusted);
    return out.toString();
  }

  /** Appends {@code untrusted} escaped, as {@link #text}. */
  static void escape(StringBuilder out, String untrusted) {
    for (int i = 0; i < untrusted.length(); i++) {
      char ch = untrusted.charAt(i);
      switch (ch) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        case '\n', '\t' -> out.append(ch);
        case '\r' -> {
          if (i + 1 >= untrusted.length() || untrusted.charAt(i + 1) != '\n') {
            out.append('\n');
          }
        }
        default -> {
          if (Character.isHighSurrogate(ch)
              && i + 1 < untrusted.length()
              && Character.isLowSurrogate(untrusted.charAt(i + 1))) {
            out.append(ch).append(untrusted.charAt(++i));
          } else if (Character.isSurrogate(ch)) {
            out.append('\uFFFD');
          } else if (!Character.isISOControl(ch)) {
            out.append(ch);
          }
        }
      }
    }
  }

  /**
   * A JavaScript string literal of {@code untrusted} that is also safe inside a {@code .js} file
   * loaded by a script element: every character outside printable ASCII, and {@code " \ < > &}, as
   * a {@code \}{@code uXXXX} escape.
   */
  static void jsString(StringBuilder out, String untrusted) {
    out.append('"');
    for (int i = 0; i < untrusted.length(); i++) {
      char ch = untrusted.charAt(i);
      if (ch >= 0x20
          && ch < 0x7f
          && ch != '"'
          && ch != '\\'
          && ch != '<'
          && ch != '>'
          && ch != '&') {
        out.append(ch);
      } else if (Character.isSurrogate(ch)
          && !(Character.isHighSurrogate(ch)
              && i + 1 < untrusted.length()
              && Character.isLowSurrogate(untrusted.charAt(i + 1)))
          && !(Character.isLowSurrogate(ch)
              && i > 0
              && Character.isHighSurrogate(untrusted.charAt(i - 1)))) {
        out.append("\\ufffd");
      } else {
        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) ch));
      }
    }
    out.append('"');
  }
}
