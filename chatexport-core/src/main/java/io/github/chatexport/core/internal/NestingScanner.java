package io.github.chatexport.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds where a JSON object or array ends, eight bytes at a time, without tokenizing it: the cutter of parallel
 * reading runs it over every byte of a file, so it must cost a small fraction of a parse.
 *
 * <p>Each 8-byte word is turned into masks (one high bit per byte) of its quotes, backslashes, line breaks and
 * brackets. A prefix XOR of the quote mask tells which bytes lie inside strings; brackets outside strings move the
 * nesting depth. A backslash escapes the byte after it; a word with two backslashes in a row, or an escape carried
 * in from the word before, is walked byte by byte. (Outside strings a backslash is not JSON; the scan lets it escape
 * the next byte there too, and the parser of the piece reports it.) Line breaks are counted everywhere, so that the cutter knows the
 * line of each conversation's first byte.
 *
 * <p>The state (depth, inside a string, a pending escape, the line) carries from one call to the next, so a
 * conversation may span any number of reads.
 */
final class NestingScanner {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;
  private static final long ONES = 0x0101010101010101L;
  private static final long QUOTES = '"' * ONES;
  private static final long BACKSLASHES = '\\' * ONES;
  private static final long BREAKS = '\n' * ONES;
  /** OR-ing 0x26 turns each of {@code [ ] { }} into 0x7F (and, of the bytes JSON allows outside strings, nothing). */
  private static final long BRACKET_BITS = 0x2626262626262626L;
  private static final long BRACKETS = 0x7F * ONES;

  /** Nesting depth; the element ends when it returns to 0. */
  int depth;
  /** Inside a string. */
  boolean inString;
  /** The next byte is escaped by a backslash. */
  boolean escape;
  /** The current line, counting from 1. */
  long line = 1;
  /** The file offset of the current line's first byte. */
  long lineStart;

  /** Starts an object or array at depth 1, outside strings. */
  void startElement() {
    depth = 1;
    inString = false;
    escape = false;
  }

  /** High bit set in each byte of {@code w} equal to the byte repeated in {@code pattern}; exact. */
  private static long equal(long w, long pattern) {
    long x = w ^ pattern;
    return ~(((x & LOWS) + LOWS) | x | LOWS);
  }

  /**
   * Scans {@code a[i..end)}, whose first byte is at file offset {@code base + i}, for the end of the element.
   * Returns the index just after its closing bracket, or -1 when the element goes on past {@code end}.
   */
  int element(byte[] a, int i, int end, long base) {
    int depth = this.depth;
    boolean inString = this.inString;
    boolean escape = this.escape;
    long line = this.line;
    long lineStart = this.lineStart;
    int result = -1;
    scan:
    while (i < end) {
      if (i + 8 <= end && !escape) {
        long w = (long) LONGS.get(a, i);
        long backslashes = equal(w, BACKSLASHES);
        // An escape that reaches the next word, or a run of backslashes, takes the careful path below.
        if ((backslashes & ((backslashes << 8) | 0x8000000000000000L)) == 0) {
          long escaped = backslashes << 8;
          long quotes = equal(w, QUOTES) & ~escaped;
          long breaks = equal(w, BREAKS);
          long parity = quotes >>> 7;
          parity ^= parity << 8;
          parity ^= parity << 16;
          parity ^= parity << 32;
          long strings = parity * 0xFF;
          if (inString) {
            strings = ~strings;
          }
          long brackets = equal(w | BRACKET_BITS, BRACKETS) & ~strings & ~escaped;
          while (brackets != 0) {
            int k = Long.numberOfTrailingZeros(brackets) >>> 3;
            byte b = a[i + k];
            if (b == '{' || b == '[') {
              depth++;
            } else if (--depth == 0) {
              long before = breaks & ((1L << (8 * k)) - 1);
              if (before != 0) {
                line += Long.bitCount(before);
                lineStart = base + i + (7 - (Long.numberOfLeadingZeros(before) >>> 3)) + 1;
              }
              inString = false;
              result = i + k + 1;
              break scan;
            }
            brackets &= brackets - 1;
          }
          if (breaks != 0) {
            line += Long.bitCount(breaks);
            lineStart = base + i + (7 - (Long.numberOfLeadingZeros(breaks) >>> 3)) + 1;
          }
          if ((Long.bitCount(quotes) & 1) != 0) {
            inString = !inString;
          }
          i += 8;
          continue;
        }
      }
      // Byte by byte, to the end of this word.
      int stop = Math.min(end, i + 8);
      while (i < stop) {
        byte b = a[i++];
        if (b == '\n') {
          line++;
          lineStart = base + i;
        }
        if (escape) {
          escape = false;
        } else if (b == '\\') {
          escape = true;
        } else if (inString) {
          if (b == '"') {
            inString = false;
          }
        } else if (b == '"') {
          inString = true;
        } else if (b == '{' || b == '[') {
          depth++;
        } else if ((b == '}' || b == ']') && --depth == 0) {
          result = i;
          break scan;
        }
      }
    }
    this.depth = depth;
    this.inString = inString;
    this.escape = escape;
    this.line = line;
    this.lineStart = lineStart;
    return result;
  }
}
