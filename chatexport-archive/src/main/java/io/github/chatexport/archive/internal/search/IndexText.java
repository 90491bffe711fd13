package io.github.chatexport.archive.internal.search;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The text that is indexed, and the same treatment of query terms, so that both sides agree.
 *
 * <p>{@link #clean} gives the text that the trigram table indexes and that snippets show: citation
 * markers (U+E200…U+E201 and {@code 【…†…】}) removed, HTML entities decoded, Markdown emphasis
 * inside a word ({@code **Zeit**geist}) and backslash escapes removed, control and invisible
 * characters dropped.
 *
 * <p>{@link #words} gives what the word table indexes: the clean text with each character of a
 * script written without spaces (Han, kana, Hangul, Thai, …) and each emoji made a word of its own
 * (emoji are mapped to one private-use character each, which the {@code unicode61} tokenizer keeps
 * as a token; {@link #display} maps them back). The added separators are U+200B, dropped again for
 * display.
 */
final class IndexText {
  /** Start and end of a match in a snippet, as FTS5 writes them; never left in indexed text. */
  static final char MARK_START = '\u0002';

  static final char MARK_END = '\u0003';
  private static final char SEPARATOR = '\u200B';

  private static final Pattern CITATION =
      Pattern.compile(
          "\uE200[^\uE200\uE201]{0,400}\uE201|【[^【】\n]{0,80}†[^【】\n]{0,80}】|【\\d{1,4}(?::\\d{1,4})?】");
  private static final Pattern ENTITY =
      Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
  private static final Map<String, String> ENTITIES =
      Map.ofEntries(
          Map.entry("amp", "&"),
          Map.entry("lt", "<"),
          Map.entry("gt", ">"),
          Map.entry("quot", "\""),
          Map.entry("apos", "'"),
          Map.entry("nbsp", " "),
          Map.entry("hellip", "…"),
          Map.entry("mdash", "—"),
          Map.entry("ndash", "–"),
          Map.entry("lsquo", "‘"),
          Map.entry("rsquo", "’"),
          Map.entry("ldquo", "“"),
          Map.entry("rdquo", "”"),
          Map.entry("laquo", "«"),
          Map.entry("raquo", "»"),
          Map.entry("eacute", "é"),
          Map.entry("egrave", "è"),
          Map.entry("ecirc", "ê"),
          Map.entry("aacute", "á"),
          Map.entry("agrave", "à"),
          Map.entry("acirc", "â"),
          Map.entry("iacute", "í"),
          Map.entry("oacute", "ó"),
          Map.entry("uacute", "ú"),
          Map.entry("auml", "ä"),
          Map.entry("ouml", "ö"),
          Map.entry("uuml", "ü"),
          Map.entry("Auml", "Ä"),
          Map.entry("Ouml", "Ö"),
          Map.entry("Uuml", "Ü"),
          Map.entry("szlig", "ß"),
          Map.entry("ccedil", "ç"),
          Map.entry("ntilde", "ñ"),
          Map.entry("Eacute", "É"),
          Map.entry("copy", "©"),
          Map.entry("euro", "€"));

  private IndexText() {}

  /** The clean text (see the class comment); empty for empty input. */
  static String clean(String text) {
    String s = text;
    if (s.indexOf('\uE200') >= 0 || s.indexOf('【') >= 0) {
      s = CITATION.matcher(s).replaceAll("");
    }
    if (s.indexOf('&') >= 0) {
      s = entities(s);
    }
    if (plain(s)) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < n && isMarkdownPunctuation(s.charAt(i + 1))) {
        continue; // a Markdown escape: keep what it escapes
      }
      if ((c == '*' || c == '~')
          && out.length() > 0
          && Character.isLetterOrDigit(out.charAt(out.length() - 1))) {
        int j = i;
        while (j < n && s.charAt(j) == c) {
          j++;
        }
        if (j < n && Character.isLetterOrDigit(s.charAt(j))) {
          i = j - 1; // emphasis inside a word: the word stays whole
          continue;
        }
      }
      if (c < 0x20 && c != '\n' && c != '\t'
          || c == 0x7F
          || c == '\u00AD'
          || c == '\u200B'
          || c == '\u2060'
          || c == '\uFEFF'
          || c >= '\uE000' && c <= '\uF8FF') {
        continue;
      }
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.codePointAt(s, i) >= 0xF0000) {
        i++; // supplementary private use: the word table uses it for emoji
        continue;
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * Whether {@link #clean} would leave the text as it is (no escape, emphasis or character to
   * drop).
   */
  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20
          ? c != '\n' && c != '\t'
          : c == '\\'
              || c == '*'
              || c == '~'
              || c == 0x7F
              || c == '\u00AD'
              || c >= '\u200B'
                  && (c == '\u200B'
                      || c == '\u2060'
                      || c == '\uFEFF'
                      || c >= '\uE000' && c <= '\uF8FF'
                      || Character.isHighSurrogate(c))) {
        return false;
      }
    }
    return true;
  }

  /** What the word table indexes, from clean text: see the class comment. */
  static String words(String clean) {
    StringBuilder out = null;
    int n = clean.length();
    for (int i = 0; i < n; ) {
      int cp = clean.codePointAt(i);
      int len = Character.charCount(cp);
      boolean alone = spaceless(cp);
      int mapped = alone ? cp : wordChar(cp);
      if (alone || mapped != cp) {
        if (out == null) {
          out = new StringBuilder(n + 16).append(clean, 0, i);
        }
        if (mapped >= 0) {
          out.append(SEPARATOR).appendCodePoint(mapped).append(SEPARATOR);
        } else if (mapped == -1) {
          out.append(SEPARATOR);
        }
      } else if (out != null) {
        out.appendCodePoint(cp);
      }
      i += len;
    }
    return out == null ? clean : out.toString();
  }

  /**
   * How the word table sees one code point that is not of a script without spaces: itself, another
   * code point standing alone (emoji), -1 for a separator, -2 for nothing at all.
   */
  private static int wordChar(int cp) {
    if (cp < 0x2000) {
      return cp;
    }
    if (cp == 0xFE0F || cp == 0xFE0E) {
      return -2;
    }
    if (cp == 0x200D) {
      return -1;
    }
    if (Character.getType(cp) == Character.OTHER_SYMBOL) {
      if (cp >= 0x1F000 && cp <= 0x1FFFF) {
        return 0xF0000 + (cp - 0x1F000);
      }
      if (cp <= 0x2FFF) {
        return 0xF1000 + (cp - 0x2000);
      }
    }
    return cp;
  }

  /** Scripts written without spaces between words. */
  static boolean spaceless(int cp) {
    if (cp < 0x0E00) {
      return false;
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    switch (script) {
      case HAN:
      case HIRAGANA:
      case KATAKANA:
      case HANGUL:
      case BOPOMOFO:
      case THAI:
      case LAO:
      case KHMER:
      case MYANMAR:
        return Character.isLetter(cp);
      default:
        return false;
    }
  }

  /**
   * Snippet text as the words table gives it back, for display: separators dropped, emoji mapped
   * back.
   */
  static String display(String words) {
    StringBuilder out = new StringBuilder(words.length());
    for (int i = 0; i < words.length(); ) {
      int cp = words.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == SEPARATOR) {
        continue;
      }
      if (cp >= 0xF0000 && cp <= 0xF0FFF) {
        cp = cp - 0xF0000 + 0x1F000;
      } else if (cp >= 0xF1000 && cp <= 0xF1FFF) {
        cp = cp - 0xF1000 + 0x2000;
      }
      out.appendCodePoint(cp);
    }
    return out.toString();
  }

  /** Whether the word table finds a token in this text (letters, digits, emoji, …). */
  static boolean hasWord(String words) {
    for (int i = 0; i < words.length(); ) {
      int cp = words.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp) || cp >= 0xF0000) {
        return true;
      }
    }
    return false;
  }

  /** Code points in a string. */
  static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  /**
   * The text of a JSON document with its string escapes decoded (canvas documents arrive as JSON
   * text).
   */
  static String unescapeJson(String json) {
    if (json.indexOf('\\') < 0) {
      return json;
    }
    StringBuilder out = new StringBuilder(json.length());
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c != '\\' || i + 1 >= json.length()) {
        out.append(c);
        continue;
      }
      char e = json.charAt(++i);
      switch (e) {
        case 'n':
          out.append('\n');
          break;
        case 't':
          out.append('\t');
          break;
        case 'r':
          out.append('\r');
          break;
        case 'u':
          if (i + 4 < json.length()) {
            try {
              out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
              i += 4;
            } catch (NumberFormatException bad) {
              out.append(e);
            }
          }
          break;
        default:
          out.append(e);
      }
    }
    return out.toString();
  }

  private static String entities(String s) {
    Matcher m = ENTITY.matcher(s);
    StringBuilder out = new StringBuilder(s.length());
    while (m.find()) {
      String name = m.group(1);
      @Nullable String value;
      if (name.charAt(0) == '#') {
        int cp;
        try {
          cp =
              name.charAt(1) == 'x' || name.charAt(1) == 'X'
                  ? Integer.parseInt(name.substring(2), 16)
                  : Integer.parseInt(name.substring(1));
        } catch (NumberFormatException e) {
          cp = -1;
        }
        value =
            Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : null;
      } else {
        value = ENTITIES.get(name);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static boolean isMarkdownPunctuation(char c) {
    return "\\`*_{}[]()#+-.!|~<>".indexOf(c) >= 0;
  }
}
