package io.github.chatexport.core.internal.parallel;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The byte-level scans of the parallel cutter, pure functions of a byte array: where the next
 * conversation probably starts, the first keys of an object, the comma before a cut, the line
 * breaks of a run of bytes.
 */
@SuppressWarnings("ReferenceEquality") // MORE is a sentinel, compared by identity
final class ByteCutter {
  private ByteCutter() {}

  static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }

  /**
   * The keys of a conversation object (FORMAT.md section 2): two of them first mark a
   * conversation's start.
   */
  private static final Set<String> CONVERSATION_KEYS =
      Set.of(
          "title",
          "create_time",
          "update_time",
          "mapping",
          "current_node",
          "id",
          "conversation_id",
          "moderation_results",
          "plugin_ids",
          "conversation_template_id",
          "gizmo_id",
          "gizmo_type",
          "is_archived",
          "safe_urls",
          "blocked_urls",
          "default_model_slug",
          "conversation_origin",
          "voice",
          "async_status",
          "disabled_tool_ids",
          "is_do_not_remember",
          "memory_scope",
          "context_scopes",
          "is_starred",
          "is_study_mode",
          "is_read_only",
          "pinned_time",
          "owner",
          "sugar_item_id",
          "sugar_item_visible",
          "atlas_mode_enabled");

  /** No answer yet: more bytes are needed. */
  static final String MORE = new String("more");

  /**
   * The first two keys of the object starting at {@code buf[i]} (after spaces), as {@code "k1 k2"},
   * when its first member's value is a string, number or literal; null if the object is not so
   * simple; {@link #MORE} if it runs past {@code end}.
   */
  static @Nullable String firstKeys(byte[] buf, int i, int end) {
    int k1 = expect(buf, i, end, '{');
    int k1End = k1 < 0 ? k1 : plainString(buf, skipSpace(buf, k1, end), end);
    int value = k1End < 0 ? k1End : expect(buf, k1End, end, ':');
    int valueEnd = value < 0 ? value : scalar(buf, skipSpace(buf, value, end), end);
    int k2 = valueEnd < 0 ? valueEnd : expect(buf, valueEnd, end, ',');
    int k2End = k2 < 0 ? k2 : plainString(buf, skipSpace(buf, k2, end), end);
    if (k2End < 0) {
      return k2End == -2 ? MORE : null;
    }
    k1 = skipSpace(buf, k1, end);
    k2 = skipSpace(buf, k2, end);
    return new String(buf, k1 + 1, k1End - k1 - 2, ISO_8859_1)
        + " "
        + new String(buf, k2 + 1, k2End - k2 - 2, ISO_8859_1);
  }

  /**
   * The index after the byte {@code b} at {@code i} (after spaces); -1 if another byte is there; -2
   * if cut off.
   */
  private static int expect(byte[] buf, int i, int end, char b) {
    i = skipSpace(buf, i, end);
    return i >= end ? -2 : buf[i] == b ? i + 1 : -1;
  }

  private static int skipSpace(byte[] buf, int i, int end) {
    while (i < end && isSpace(buf[i])) {
      i++;
    }
    return i;
  }

  /**
   * The end (after the quote) of a string without escapes starting at {@code i}; -1 if not one; -2
   * if cut off.
   */
  private static int plainString(byte[] buf, int i, int end) {
    if (i >= end) {
      return -2;
    }
    if (buf[i] != '"') {
      return -1;
    }
    for (int j = i + 1; j < end; j++) {
      if (buf[j] == '"') {
        return j + 1;
      }
      if (buf[j] == '\\') {
        return -1;
      }
    }
    return -2;
  }

  /**
   * The end of a string (escapes allowed), number or literal starting at {@code i}; -1 if it is
   * something else; -2 if it runs past {@code end}.
   */
  private static int scalar(byte[] buf, int i, int end) {
    if (i >= end) {
      return -2;
    }
    if (buf[i] == '"') {
      for (int j = i + 1; j < end; j++) {
        if (buf[j] == '\\') {
          j++;
        } else if (buf[j] == '"') {
          return j + 1;
        }
      }
      return -2;
    }
    if (buf[i] == '{' || buf[i] == '[') {
      return -1;
    }
    for (int j = i; j < end; j++) {
      byte b = buf[j];
      if (b == ',' || b == '}' || isSpace(b)) {
        return j;
      }
    }
    return -2;
  }

  /**
   * Looks in {@code buf[from..end)} for the brace that probably starts a conversation: after {@code
   * },} (spaces allowed), and, unless {@code any}, followed by two keys of a conversation ({@code
   * learned}, the first two of the file's first one, or two of {@link #CONVERSATION_KEYS}). Returns
   * its index, or minus the index to look again from when more bytes are needed (or nothing was
   * found).
   */
  static int findCut(byte[] buf, int from, int end, @Nullable String learned, boolean any) {
    for (int i = from; i < end; i++) {
      if (buf[i] != '{') {
        continue;
      }
      int j = i - 1;
      while (j > 0 && isSpace(buf[j])) {
        j--;
      }
      if (j <= 0 || buf[j] != ',') {
        continue;
      }
      j--;
      while (j > 0 && isSpace(buf[j])) {
        j--;
      }
      if (j <= 0 || buf[j] != '}') {
        continue;
      }
      if (any) {
        return i;
      }
      String keys = firstKeys(buf, i, end);
      if (keys == MORE) {
        return -i; // not enough bytes to tell
      }
      if (keys != null && (keys.equals(learned) || bothConversationKeys(keys))) {
        return i;
      }
    }
    return -end;
  }

  private static boolean bothConversationKeys(String keys) {
    int space = keys.indexOf(' ');
    return CONVERSATION_KEYS.contains(keys.substring(0, space))
        && CONVERSATION_KEYS.contains(keys.substring(space + 1));
  }

  /**
   * The index of the comma between the conversation that ends before {@code cut} and the one at
   * {@code cut}.
   */
  static int separator(byte[] buf, int cut) {
    int j = cut - 1;
    while (buf[j] != ',') {
      j--;
    }
    return j;
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;
  private static final long LFS = 0x0A0A0A0A0A0A0A0AL;
  private static final long CRS = 0x0D0D0D0D0D0D0D0DL;

  /**
   * Counts the line breaks of {@code buf[from..to)} (buf[0] at file offset {@code base}) as jackson
   * counts them ({@code \n}, {@code \r\n} and a lone {@code \r} are one each), eight bytes at a
   * time: the line, the file offset of its first byte and whether the last byte was a {@code \r} (1
   * or 0), after them. {@code afterCr} says whether the byte before {@code from} was one.
   */
  static long[] countLines(
      byte[] buf, int from, int to, long base, long line, long lineStart, boolean afterCr) {
    int i = from;
    long carry = afterCr ? 0x80L : 0; // the high bit of byte 0 when the byte before it is a '\r'
    for (; i + 8 <= to; i += 8) {
      long word = (long) LONGS.get(buf, i);
      long x = word ^ LFS;
      long y = word ^ CRS;
      long lf = ~(((x & LOWS) + LOWS) | x | LOWS); // the high bit of each byte that is a '\n'
      long cr = ~(((y & LOWS) + LOWS) | y | LOWS); // and of each '\r'
      long breaks = lf | cr;
      if (breaks != 0) {
        line += Long.bitCount(cr) + Long.bitCount(lf & ~((cr << 8) | carry));
        lineStart = base + i + (63 - Long.numberOfLeadingZeros(breaks)) / 8 + 1;
      }
      carry = cr >>> 56 & 0x80L;
    }
    boolean cr = carry != 0;
    for (; i < to; i++) {
      byte b = buf[i];
      if (b == '\n' || b == '\r') {
        if (b == '\r' || !cr) {
          line++;
        }
        lineStart = base + i + 1;
      }
      cr = b == '\r';
    }
    return new long[] {line, lineStart, cr ? 1 : 0};
  }

  static String what(byte b) {
    return switch (b) {
      case '"' -> "a string";
      case 't', 'f' -> "a boolean";
      case 'n' -> "null";
      default -> b == '-' || b >= '0' && b <= '9' ? "a number" : "something that is not JSON";
    };
  }
}
