package io.github.chatexport.core.internal.html;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import io.github.chatexport.core.internal.zip.BlockInputStream;
import io.github.chatexport.core.internal.zip.ByteSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads the two data assignments of an export's {@code chat.html} in one streaming pass, without
 * holding the page (which can exceed 100 MB): {@code var jsonData = [...]}, the conversations, as a
 * stream of exactly the array's bytes; and {@code var assetsJson = {...}}, the asset index, as a
 * bounded string (FORMAT.md §1.4).
 *
 * <p>The asset index may stand before or after the conversations. Call {@link #jsonData()} first
 * and read the stream; then {@link #assetsJson()}: if the index came before the conversations it
 * was kept on the way (see {@link #assetsJsonSeen()}), otherwise the scan goes on from the end of
 * the array to find it. One pass either way. A caller that needs the index <em>before</em> reading
 * the conversations, and can open the page twice (an entry of a ZIP or a file), first calls {@link
 * #assetsJson(InputStream, long)} on one stream, which skips the array at scanning speed without
 * parsing it, then {@link #jsonData(InputStream)} on a second. Calling {@link #assetsJson()} first
 * on one scanner also works but skips the array, which is then lost to {@link #jsonData()}.
 *
 * <p>Both are found by their assignment: {@code var}, {@code let} or {@code const}, the name,
 * {@code =}. The array is passed through while tracking JSON strings, escapes and bracket depth, so
 * a {@code ]} or {@code </script>} inside a string does not end it; a {@code <} outside a string
 * means the array was cut off. The asset index is tracked as a JavaScript object literal (strings
 * in {@code "}, {@code '} or {@code `}, comments) and returned as its raw text, from <code>{</code>
 * to <code>}</code>, for the caller to parse: it may be strict JSON or not. It is bounded by {@code
 * maxAssetsBytes}.
 *
 * <p>Reads at most 64 KiB ahead of what it delivers. Never closes the stream it reads. Not
 * thread-safe.
 */
public final class HtmlExportScanner {
  /** The default bound of the asset index's text: 16 MiB. */
  public static final long DEFAULT_MAX_ASSETS_BYTES = 16L << 20;

  /** The most bytes an assignment ({@code var}, name, {@code =} and white space) may span. */
  private static final int MARKER_WINDOW = 256;

  private enum Marker {
    JSON_DATA,
    ASSETS
  }

  private enum Phase {
    /** The conversations are still ahead. */
    BEFORE,
    /** {@link #jsonData()} handed out the array's stream. */
    OPEN,
    /** The array was read or skipped to its end, or the page ended. */
    AFTER,
    /** {@link #assetsJson()} skipped the array before {@link #jsonData()} was called. */
    SKIPPED
  }

  private final ByteSource src;
  private final String page;
  private final long maxAssetsBytes;
  private Phase phase = Phase.BEFORE;
  private @Nullable JsonDataStream open;
  private @Nullable String assets;
  private @Nullable ChatHtmlException assetsFailure;
  private boolean assetsDone;

  /** The byte before the scan position, while searching (for identifier boundaries). */
  private int previous = ' ';

  private HtmlExportScanner(InputStream html, String page, long maxAssetsBytes) {
    this.src = new ByteSource(requireNonNull(html, "html"));
    this.page = requireNonNull(page, "page");
    if (maxAssetsBytes < 0) {
      throw new IllegalArgumentException(
          "maxAssetsBytes must not be negative, is " + maxAssetsBytes);
    }
    this.maxAssetsBytes = maxAssetsBytes;
  }

  /**
   * Scans a page.
   *
   * @param html the page, UTF-8 (not closed by the scanner)
   * @param page the page's name for messages, e.g. its ZIP entry
   * @param maxAssetsBytes the longest asset index accepted, in bytes
   */
  static HtmlExportScanner over(InputStream html, String page, long maxAssetsBytes) {
    return new HtmlExportScanner(html, page, maxAssetsBytes);
  }

  /** Scans a page named {@code chat.html}, with {@link #DEFAULT_MAX_ASSETS_BYTES}. */
  static HtmlExportScanner over(InputStream html) {
    return over(html, "chat.html", DEFAULT_MAX_ASSETS_BYTES);
  }

  /**
   * The bytes of the {@code jsonData} array of {@code html}, from {@code [} to its matching {@code
   * ]}. Closing the returned stream does not close {@code html}.
   *
   * @throws ChatHtmlException if the page has no {@code jsonData} array (also later, from the
   *     stream, if the array is not terminated)
   */
  public static InputStream jsonData(InputStream html) throws IOException {
    return over(html).jsonData();
  }

  /**
   * A parser over the bytes of {@link #jsonData(InputStream)} that delivers every string value
   * HTML-unescaped, exactly once, as the page escaped it; locations stay the ones {@code p}
   * reports. Closing the result closes {@code p}.
   */
  public static JsonParser unescaping(JsonParser p) {
    return HtmlStrings.wrap(p);
  }

  /**
   * The raw text of the {@code assetsJson} object of {@code html}, or null if the page has none.
   * Skips the {@code jsonData} array without parsing it.
   *
   * @throws ChatHtmlException if the object is longer than {@code maxBytes}, is not an object
   *     literal or is not terminated
   */
  public static @Nullable String assetsJson(InputStream html, long maxBytes) throws IOException {
    return over(html, "chat.html", maxBytes).assetsJson();
  }

  /**
   * Scans to the {@code jsonData} array and returns a stream of exactly its bytes, from {@code [}
   * to its matching {@code ]}; an asset index met on the way is kept. The stream throws a {@link
   * ChatHtmlException} if the page ends (or its script does) before the array does. Closing it does
   * not close the page.
   *
   * @throws ChatHtmlException if the page has no {@code jsonData} assignment, or assigns something
   *     else than an array
   * @throws IllegalStateException if called twice, or after {@link #assetsJson()} skipped the array
   */
  InputStream jsonData() throws IOException {
    if (phase != Phase.BEFORE) {
      throw new IllegalStateException(
          phase == Phase.SKIPPED
              ? "assetsJson() already skipped the jsonData array"
              : "jsonData() was already called");
    }
    while (true) {
      Marker marker = findMarker();
      if (marker == null) {
        phase = Phase.AFTER;
        throw new ChatHtmlException(
            "no `var jsonData = [` in the page", page, src.position(), null);
      }
      if (marker == Marker.ASSETS) {
        if (!assetsDone) {
          captureAssets();
        }
        continue;
      }
      if (src.peek(0) != '[') {
        phase = Phase.AFTER;
        throw new ChatHtmlException(
            "`jsonData` is assigned something else than a JSON array", page, src.position(), null);
      }
      phase = Phase.OPEN;
      JsonDataStream stream = new JsonDataStream(src.position());
      open = stream;
      return stream;
    }
  }

  /**
   * The raw text of the {@code assetsJson} object, from <code>{</code> to <code>}</code>, or null
   * if the page has none. If it was not met yet, scans on: past the rest of an open {@code
   * jsonData} stream (which is then invalid), or, before {@link #jsonData()} was called, past the
   * whole array.
   *
   * @throws ChatHtmlException if the object is longer than the bound, is not an object literal or
   *     is not terminated; or if the array it had to skip is not terminated
   */
  @Nullable String assetsJson() throws IOException {
    if (assetsDone) {
      return assetsSeen();
    }
    if (phase == Phase.OPEN) {
      requireNonNull(open, "open").skipRest();
    }
    while (true) {
      Marker marker = findMarker();
      if (marker == null) {
        assetsDone = true;
        if (phase == Phase.BEFORE) {
          phase = Phase.AFTER;
        }
        return null;
      }
      if (marker == Marker.ASSETS) {
        captureAssets();
        return assetsSeen();
      }
      if (phase == Phase.BEFORE && src.peek(0) == '[') {
        new JsonDataStream(src.position()).skipRest();
        phase = Phase.SKIPPED;
      }
    }
  }

  /**
   * The raw text of the {@code assetsJson} object if the scan has passed it so far, without reading
   * further; else null.
   *
   * @throws ChatHtmlException if the object was met but is too long, not an object literal or not
   *     terminated
   */
  @Nullable String assetsJsonSeen() throws ChatHtmlException {
    return assetsSeen();
  }

  private @Nullable String assetsSeen() throws ChatHtmlException {
    if (assetsFailure != null) {
      throw assetsFailure;
    }
    return assets;
  }

  /**
   * Scans to the next assignment of {@code jsonData} or {@code assetsJson} and stops at the first
   * byte of the value; null at the end of the page.
   */
  private @Nullable Marker findMarker() throws IOException {
    while (true) {
      if (src.available() < MARKER_WINDOW && src.fill(MARKER_WINDOW) == 0) {
        return null;
      }
      int b = src.peek(0);
      if ((b == 'v' || b == 'l' || b == 'c') && !isIdentifierPart(previous)) {
        Marker marker = matchAssignment();
        if (marker != null) {
          previous = ' ';
          return marker;
        }
      }
      previous = b;
      src.advance(1);
    }
  }

  /**
   * At {@code var|let|const <name> =}: consumes it and its trailing white space, returns the name's
   * marker.
   */
  private @Nullable Marker matchAssignment() {
    int avail = src.available();
    int i;
    if (matches(0, "var") || matches(0, "let")) {
      i = 3;
    } else if (matches(0, "const")) {
      i = 5;
    } else {
      return null;
    }
    if (i >= avail || !isSpace(src.peek(i))) {
      return null;
    }
    while (i < avail && isSpace(src.peek(i))) {
      i++;
    }
    Marker marker;
    if (matches(i, "jsonData")) {
      marker = Marker.JSON_DATA;
      i += "jsonData".length();
    } else if (matches(i, "assetsJson")) {
      marker = Marker.ASSETS;
      i += "assetsJson".length();
    } else {
      return null;
    }
    if (i < avail && isIdentifierPart(src.peek(i))) {
      return null;
    }
    while (i < avail && isSpace(src.peek(i))) {
      i++;
    }
    if (i >= avail || src.peek(i) != '=') {
      return null;
    }
    i++;
    if (i < avail && src.peek(i) == '=') {
      return null;
    }
    while (i < avail && isSpace(src.peek(i))) {
      i++;
    }
    if (i >= avail) {
      return null;
    }
    src.advance(i);
    return marker;
  }

  private boolean matches(int at, String word) {
    if (at + word.length() > src.available()) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      if (src.peek(at + k) != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isSpace(int b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f';
  }

  private static boolean isIdentifierPart(int b) {
    return (b >= 'a' && b <= 'z')
        || (b >= 'A' && b <= 'Z')
        || (b >= '0' && b <= '9')
        || b == '_'
        || b == '$'
        || b >= 0x80;
  }

  /**
   * At <code>{</code> (else a failure is kept): keeps the object literal's text, bounded; skips it
   * if too long.
   */
  private void captureAssets() throws IOException {
    assetsDone = true;
    long start = src.position();
    if (src.peek(0) != '{') {
      assetsFailure =
          new ChatHtmlException(
              "`assetsJson` is assigned something else than an object literal", page, start, null);
      return;
    }
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    boolean tooLong = false;
    int quote = 0;
    boolean escape = false;
    boolean lineComment = false;
    boolean blockComment = false;
    long depth = 0;
    while (true) {
      int avail = src.available() < 2 ? src.fill(2) : src.available();
      if (avail == 0) {
        assetsFailure =
            new ChatHtmlException(
                "the assetsJson object that starts at byte offset "
                    + start
                    + " is not terminated before the page ends",
                page,
                src.position(),
                null);
        return;
      }
      int c = src.peek(0);
      int next = avail > 1 ? src.peek(1) : -1;
      int length = 1;
      boolean end = false;
      if (lineComment) {
        lineComment = c != '\n';
      } else if (blockComment) {
        if (c == '*' && next == '/') {
          blockComment = false;
          length = 2;
        }
      } else if (quote != 0) {
        if (escape) {
          escape = false;
        } else if (c == '\\') {
          escape = true;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'' || c == '`') {
        quote = c;
      } else if (c == '/' && next == '/') {
        lineComment = true;
        length = 2;
      } else if (c == '/' && next == '*') {
        blockComment = true;
        length = 2;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
        end = depth == 0;
      } else if (c == '<') {
        assetsFailure =
            new ChatHtmlException(
                "the assetsJson object that starts at byte offset "
                    + start
                    + " is not terminated before its script ends",
                page,
                src.position(),
                null);
        return;
      }
      if (!tooLong && text.size() + length > maxAssetsBytes) {
        tooLong = true;
        text = new ByteArrayOutputStream(0);
      }
      if (!tooLong) {
        text.write(src.buffer(), src.pos(), length);
      }
      src.advance(length);
      if (end) {
        if (tooLong) {
          assetsFailure =
              new ChatHtmlException(
                  "the assetsJson object that starts at byte offset "
                      + start
                      + " is longer than the limit of "
                      + maxAssetsBytes
                      + " bytes",
                  page,
                  src.position(),
                  null);
        } else {
          assets = text.toString(StandardCharsets.UTF_8);
        }
        return;
      }
    }
  }

  /**
   * Exactly the bytes of the {@code jsonData} array, passed through while tracking strings and
   * depth.
   */
  private final class JsonDataStream extends BlockInputStream {
    private final long start;
    private long depth;
    private boolean inString;
    private boolean escape;
    private boolean done;
    private boolean skipped;
    private boolean closed;

    JsonDataStream(long start) {
      this.start = start;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (closed || skipped) {
        throw new IOException(
            "the jsonData stream of "
                + page
                + (closed ? " is closed" : " was skipped by assetsJson()"));
      }
      if (done) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      int n = scan(len);
      System.arraycopy(src.buffer(), src.pos() - n, b, off, n);
      return n;
    }

    @Override
    public void close() {
      closed = true;
    }

    void skipRest() throws IOException {
      skipped = !done;
      while (!done) {
        scan(Integer.MAX_VALUE);
      }
    }

    /**
     * Damage met after bytes that this call passed on: thrown by the next call, so that every byte
     * before the damage reaches the reader whatever the size of its reads (a serial and a parallel
     * read see the same bytes).
     */
    private @Nullable ChatHtmlException pending;

    /**
     * Consumes up to {@code max} buffered bytes of the array (at least one) and returns how many.
     */
    private int scan(int max) throws IOException {
      if (pending != null) {
        throw pending;
      }
      int avail = src.available() > 0 ? src.available() : src.fill(1);
      if (avail == 0) {
        throw unterminated("the page ends");
      }
      int n = Math.min(max, avail);
      byte[] buf = src.buffer();
      int p = src.pos();
      int i = 0;
      while (i < n) {
        int c = buf[p + i];
        i++;
        if (inString) {
          if (escape) {
            escape = false;
          } else if (c == '\\') {
            escape = true;
          } else if (c == '"') {
            inString = false;
          }
        } else if (c == '"') {
          inString = true;
        } else if (c == '[' || c == '{') {
          depth++;
        } else if (c == ']' || c == '}') {
          if (--depth == 0) {
            if (c != ']') {
              return fail(
                  i - 1,
                  "the jsonData array that starts at byte offset " + start + " is closed by '}'");
            }
            done = true;
            if (phase == Phase.OPEN) {
              phase = Phase.AFTER;
            }
            break;
          }
        } else if (c == '<') {
          return fail(
              i - 1,
              "the jsonData array that starts at byte offset "
                  + start
                  + " is not terminated before its script ends");
        }
      }
      src.advance(i);
      return i;
    }

    /**
     * Passes on the {@code good} bytes before damage, which the next call throws; or throws it now.
     */
    private int fail(int good, String problem) throws ChatHtmlException {
      src.advance(good);
      ChatHtmlException e = new ChatHtmlException(problem, page, src.position(), null);
      if (good == 0) {
        throw e;
      }
      pending = e;
      return good;
    }

    private ChatHtmlException unterminated(String why) {
      return new ChatHtmlException(
          "the jsonData array that starts at byte offset "
              + start
              + " is not terminated"
              + " before "
              + why,
          page,
          src.position(),
          null);
    }
  }
}
