package io.github.chatexport.core.internal.html;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import java.io.Writer;
import org.jspecify.annotations.Nullable;

/**
 * A parser over {@code chat.html}'s {@code jsonData} that delivers every string value
 * HTML-unescaped, exactly once: the page writes each string as Python's {@code html.escape(s,
 * quote=True)} does ({@code &amp;}, {@code &lt;}, {@code &gt;}, {@code &quot;}, {@code &#x27;};
 * FORMAT.md §9), so {@code &amp;lt;} is the text {@code &lt;}. Keys are not escaped and are left
 * alone. Numeric references ({@code &#39;}, {@code &#x27;}) are decoded too; an {@code &} that
 * starts no reference stays as it is. Only the strings change, never the bytes the parser reads, so
 * every location stays the one the parser reports. Used for chat.html only.
 */
@SuppressWarnings(
    "EscapedEntity") // the entities are what this class decodes; internal, not rendered
final class HtmlStrings extends JsonParserDelegate {
  /** Wraps {@code p}; closing the result closes {@code p}. */
  static JsonParser wrap(JsonParser p) {
    return new HtmlStrings(p);
  }

  private HtmlStrings(JsonParser p) {
    super(p);
  }

  private boolean isString() {
    return delegate.currentToken() == JsonToken.VALUE_STRING;
  }

  @Override
  public @Nullable String getText() throws IOException {
    String s = delegate.getText();
    return s != null && isString() ? unescape(s) : s;
  }

  /** The text of the current string token (never null at one). */
  private String text() throws IOException {
    return requireNonNull(getText(), "the text of a string token");
  }

  @Override
  public int getText(Writer writer) throws IOException {
    if (!isString()) {
      return delegate.getText(writer);
    }
    String s = text();
    writer.write(s);
    return s.length();
  }

  @Override
  public char[] getTextCharacters() throws IOException {
    return isString() ? text().toCharArray() : delegate.getTextCharacters();
  }

  @Override
  public int getTextLength() throws IOException {
    return isString() ? text().length() : delegate.getTextLength();
  }

  @Override
  public int getTextOffset() throws IOException {
    return isString() ? 0 : delegate.getTextOffset();
  }

  @Override
  public @Nullable String getValueAsString() throws IOException {
    return isString() ? getText() : delegate.getValueAsString();
  }

  @Override
  public @Nullable String getValueAsString(@Nullable String defaultValue) throws IOException {
    return isString() ? getText() : delegate.getValueAsString(defaultValue);
  }

  @Override
  public @Nullable String nextTextValue() throws IOException {
    String s = delegate.nextTextValue();
    return s == null ? null : unescape(s);
  }

  /** {@code s} with its character references decoded once. */
  static String unescape(String s) {
    int amp = s.indexOf('&');
    if (amp < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int from = 0;
    while (amp >= 0) {
      out.append(s, from, amp);
      int end = s.indexOf(';', amp + 1);
      int decoded = end < 0 || end - amp > 10 ? -1 : reference(s, amp + 1, end);
      if (decoded < 0) {
        out.append('&');
        from = amp + 1;
      } else {
        out.appendCodePoint(decoded);
        from = end + 1;
      }
      amp = s.indexOf('&', from);
    }
    return out.append(s, from, s.length()).toString();
  }

  /**
   * The code point of the reference between {@code &} and {@code ;} ({@code s[from, end)}), or -1.
   */
  private static int reference(String s, int from, int end) {
    switch (s.substring(from, end)) {
      case "amp":
        return '&';
      case "lt":
        return '<';
      case "gt":
        return '>';
      case "quot":
        return '"';
      case "apos":
        return '\'';
      default:
        break;
    }
    if (end - from < 2 || s.charAt(from) != '#') {
      return -1;
    }
    boolean hex = s.charAt(from + 1) == 'x' || s.charAt(from + 1) == 'X';
    int digits = from + (hex ? 2 : 1);
    if (digits == end) {
      return -1;
    }
    int value = 0;
    for (int i = digits; i < end; i++) {
      int d = Character.digit(s.charAt(i), hex ? 16 : 10);
      if (d < 0) {
        return -1;
      }
      value = value * (hex ? 16 : 10) + d;
      if (value > Character.MAX_CODE_POINT) {
        return -1;
      }
    }
    return value >= Character.MIN_SURROGATE && value <= Character.MAX_SURROGATE ? -1 : value;
  }
}
