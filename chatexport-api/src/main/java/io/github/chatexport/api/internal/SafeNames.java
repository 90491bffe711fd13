package io.github.chatexport.api.internal;

import static java.util.Objects.requireNonNull;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * File names made from untrusted text (conversation titles, asset names), safe on Windows, macOS
 * and Linux.
 */
public final class SafeNames {
  /** The longest name in UTF-8 bytes that ext4, APFS and (as UTF-16 units) NTFS all accept. */
  public static final int MAX_BYTES = 255;

  /** What an empty or wholly unusable name becomes. */
  static final String FALLBACK = "_";

  private static final String FORBIDDEN = "<>:\"/\\|?*";
  private static final Set<String> RESERVED =
      Set.of("CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$");
  private static final String RESERVED_DIGITS = "0123456789\u00b9\u00b2\u00b3";
  private static final int MAX_EXTENSION_BYTES = 16;

  private SafeNames() {}

  /**
   * A file name for {@code untrusted}; deterministic, never empty, {@code .} or {@code ..}. It is:
   *
   * <ul>
   *   <li>in Unicode NFC, with letters of every script and emoji kept;
   *   <li>free of path separators and of characters Windows forbids ({@code < > : " / \ | ? *}),
   *       each replaced by {@code _}, as are control characters, lone surrogates and noncharacters;
   *       line breaks, tabs and other white space become one space; invisible direction overrides
   *       (which can disguise an extension) and zero-width spaces are dropped;
   *   <li>without leading dots or spaces (no hidden files, no {@code ..}), a leading {@code -}
   *       (read as an option by command-line tools) replaced by {@code _}, and without trailing
   *       dots or spaces (which Windows drops);
   *   <li>not a Windows device name ({@code CON}, {@code PRN}, {@code AUX}, {@code NUL}, {@code
   *       COM0}–{@code COM9}, {@code LPT0}–{@code LPT9}, also with superscript digits, {@code
   *       CONIN$}, {@code CONOUT$}), with or without an extension, in any case: such a name gets a
   *       {@code _} prefix;
   *   <li>at most {@code maxLength} bytes in UTF-8, cut between code points (never inside a
   *       surrogate pair) and keeping a short alphanumeric extension when there is one.
   * </ul>
   *
   * <p>Different inputs can give the same name (also when compared case-insensitively, as on
   * Windows and macOS): callers that write several files must still make the names unique.
   *
   * @param untrusted the text to make a name of
   * @param maxLength the most UTF-8 bytes, from 1 to {@link #MAX_BYTES}
   * @throws IllegalArgumentException if {@code maxLength} is out of range
   */
  public static String fileName(String untrusted, int maxLength) {
    requireNonNull(untrusted, "untrusted");
    if (maxLength < 1 || maxLength > MAX_BYTES) {
      throw new IllegalArgumentException(
          "maxLength must be from 1 to " + MAX_BYTES + ", is " + maxLength);
    }
    String name = trim(clean(Normalizer.normalize(untrusted, Normalizer.Form.NFC)));
    if (name.startsWith("-")) {
      name = "_" + name.substring(1);
    }
    name = trim(truncate(name, maxLength));
    if (isReserved(name)) {
      name = trim(truncate("_" + name, maxLength));
    }
    return name.isEmpty() ? FALLBACK : name;
  }

  /**
   * Whether Windows reserves {@code name} for a device: its part before the first dot, trailing
   * spaces ignored.
   */
  static boolean isReserved(String name) {
    int dot = name.indexOf('.');
    String stem =
        (dot < 0 ? name : name.substring(0, dot)).stripTrailing().toUpperCase(Locale.ROOT);
    if (RESERVED.contains(stem)) {
      return true;
    }
    return stem.length() == 4
        && (stem.startsWith("COM") || stem.startsWith("LPT"))
        && RESERVED_DIGITS.indexOf(stem.charAt(3)) >= 0;
  }

  /** UTF-8 length of a string without lone surrogates. */
  static int utf8Length(String s) {
    int bytes = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      bytes += utf8Length(cp);
      i += Character.charCount(cp);
    }
    return bytes;
  }

  private static int utf8Length(int cp) {
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }

  private static String clean(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        if (!space) {
          out.append(' ');
        }
        space = true;
        continue;
      }
      space = false;
      if (isInvisible(cp)) {
        continue;
      }
      if (Character.isISOControl(cp)
          || (cp <= 0xffff && Character.isSurrogate((char) cp))
          || isNoncharacter(cp)
          || FORBIDDEN.indexOf(cp) >= 0) {
        out.append('_');
      } else {
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }

  /** Direction marks and overrides, zero-width space, word joiner, byte order mark. */
  private static boolean isInvisible(int cp) {
    return cp == 0x061c
        || cp == 0x200b
        || cp == 0x200e
        || cp == 0x200f
        || (cp >= 0x202a && cp <= 0x202e)
        || cp == 0x2060
        || (cp >= 0x2066 && cp <= 0x2069)
        || cp == 0xfeff;
  }

  private static boolean isNoncharacter(int cp) {
    return (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe;
  }

  /** Without leading dots and spaces, trailing dots and spaces, or a trailing zero-width joiner. */
  private static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && (s.charAt(start) == '.' || s.charAt(start) == ' ')) {
      start++;
    }
    while (end > start
        && (s.charAt(end - 1) == '.'
            || s.charAt(end - 1) == ' '
            || s.charAt(end - 1) == '\u200d')) {
      end--;
    }
    return s.substring(start, end);
  }

  /** At most {@code maxBytes} UTF-8 bytes, keeping a short alphanumeric extension when one fits. */
  private static String truncate(String s, int maxBytes) {
    if (utf8Length(s) <= maxBytes) {
      return s;
    }
    int dot = s.lastIndexOf('.');
    if (dot > 0 && dot < s.length() - 1) {
      String extension = s.substring(dot);
      int extensionBytes = extension.length();
      if (extension.substring(1).chars().allMatch(c -> c < 0x80 && Character.isLetterOrDigit(c))
          && extensionBytes <= MAX_EXTENSION_BYTES
          && extensionBytes <= maxBytes / 2) {
        String stem = trim(cut(s.substring(0, dot), maxBytes - extensionBytes));
        if (!stem.isEmpty()) {
          return stem + extension;
        }
      }
    }
    return cut(s, maxBytes);
  }

  private static String cut(String s, int maxBytes) {
    int bytes = 0;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      bytes += utf8Length(cp);
      if (bytes > maxBytes) {
        break;
      }
      i += Character.charCount(cp);
    }
    return s.substring(0, i);
  }
}
