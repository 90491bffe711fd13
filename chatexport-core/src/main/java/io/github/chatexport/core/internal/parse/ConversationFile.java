package io.github.chatexport.core.internal.parse;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Warning;
import io.github.chatexport.core.ChatExportException;
import io.github.chatexport.core.internal.config.ReaderConfig;
import io.github.chatexport.core.internal.html.HtmlExportScanner;
import io.github.chatexport.core.internal.json.Json;
import io.github.chatexport.core.internal.json.JsonPaths;
import io.github.chatexport.core.internal.json.Problems;
import io.github.chatexport.core.internal.source.CountingInputStream;
import io.github.chatexport.core.internal.source.ExportSource;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The reader of a conversation file, one conversation at a time: a JSON array of conversations (or
 * {@code {"conversations": [...]}}, or one lone conversation object), as the serial pass reads
 * every file and the parallel pass reads the files it cannot cut. Its static methods are the steps
 * through the array that the parsing threads of a parallel pass take too, so that both passes meet
 * the same warnings and errors. Reads one file at a time, again and again; not thread-safe.
 */
public final class ConversationFile {
  private final ExportSource source;
  private final @Nullable Filter filter;
  private final ReaderConfig config;
  private final JsonFactory factory;
  private final Consumer<Warning> exportWarnings;
  private final LongConsumer counted;
  private @Nullable InputStream in;
  private @Nullable JsonParser parser;
  private @Nullable ConversationParser conversations;
  private @Nullable Problems problems;
  private boolean wrapped;

  /** Whether the next file opened keeps the bytes of each conversation, to hash them. */
  private boolean recording;

  /** The bytes the parser of the open file read, kept from the current conversation on, or null. */
  private @Nullable SourceBytes kept;

  /** The SHA-256 of the bytes of the conversation {@link #next} returned last, or null. */
  private byte @Nullable [] sha256;

  /** Where the file's lone conversation object began, when its top level is one (else null). */
  private @Nullable JsonLocation loneStart;

  private @Nullable String loneFirst;
  private boolean loneRead;

  /**
   * The bytes of the current file handed to its parser (after chat.html's filter): where an I/O
   * error that is not the JSON's own is placed, as a parallel read places it.
   */
  private long handed;

  /** Turns an entry's bytes into the bytes of a conversations array (for chat.html). */
  @FunctionalInterface
  public interface Filter {
    /** The filtered stream; closing it closes {@code in}. */
    InputStream apply(InputStream in) throws IOException;
  }

  /**
   * A reader of the conversation files of {@code source}, which gives skipped elements' warnings to
   * {@code exportWarnings} and the count of each file's bytes read (before the filter) to {@code
   * counted}.
   */
  public ConversationFile(
      ExportSource source,
      @Nullable Filter filter,
      ReaderConfig config,
      JsonFactory factory,
      Consumer<Warning> exportWarnings,
      LongConsumer counted) {
    this.source = source;
    this.filter = filter;
    this.config = config;
    this.factory = factory;
    this.exportWarnings = exportWarnings;
    this.counted = counted;
  }

  /**
   * Whether the files opened from now on keep the bytes of each conversation of their array, so
   * that {@link #takeSha256} gives their SHA-256 (not for chat.html, whose bytes are not the JSON).
   */
  public void record(boolean recording) {
    this.recording = recording;
  }

  /**
   * The SHA-256 of the bytes of the JSON object that the conversation {@link #next} returned last
   * was read from, once; null when not recording, for a file's lone conversation object, or when
   * the object was too large to keep.
   */
  public byte @Nullable [] takeSha256() {
    byte[] out = sha256;
    sha256 = null;
    return out;
  }

  /** Whether a file is open and not yet read to its end. */
  public boolean isOpen() {
    return parser != null;
  }

  /**
   * The next conversation of the open file, or null at its end (then the file is closed), or when
   * none is open.
   *
   * @throws ChatExportException where the file is damaged (the caller closes it)
   */
  public @Nullable Conversation next() {
    JsonParser p = parser;
    if (p == null) {
      return null; // an empty file, closed when opened
    }
    // Set with the parser by open():
    Problems pr = requireNonNull(problems, "problems");
    ConversationParser conversations = requireNonNull(this.conversations, "conversations");
    if (loneStart != null) {
      try {
        if (!loneRead) {
          loneRead = true;
          return conversations.readLone(loneStart, loneFirst);
        }
        if (p.nextToken() != null && filter == null) {
          throw pr.error(
              "unexpected content after the conversation object",
              p.currentTokenLocation(),
              "$",
              null,
              null);
        }
        close();
        return null;
      } catch (IOException e) {
        throw Json.translate(e, p, pr, null, handed);
      }
    }
    while (true) {
      try {
        JsonToken t = nextElement(p, pr, exportWarnings);
        if (t == JsonToken.START_OBJECT) {
          SourceBytes k = kept;
          if (k == null) {
            return conversations.read();
          }
          long start = p.currentTokenLocation().getByteOffset();
          if (start < 0) {
            kept = null; // not a byte parser (a file that is not UTF-8): nothing to hash
            return conversations.read();
          }
          k.keepFrom(start);
          Conversation c = conversations.read();
          sha256 = k.sha256(start, p.currentLocation().getByteOffset());
          return c;
        }
        if (t == JsonToken.END_ARRAY) {
          JsonToken after = p.nextToken();
          if (wrapped) {
            // The rest of {"conversations": [...], ...}: other members are skipped.
            while (after == JsonToken.FIELD_NAME) {
              p.nextToken();
              p.skipChildren();
              after = p.nextToken();
            }
            after = after == JsonToken.END_OBJECT ? p.nextToken() : after;
          }
          if (after != null && filter == null) {
            throw contentAfterArray(p, pr);
          }
          close();
          return null;
        }
      } catch (IOException e) {
        throw Json.translate(e, p, pr, null, handed);
      }
    }
  }

  /**
   * Moves to the next element of a conversations array, as a serial pass and the parsing threads of
   * a parallel one both do. Returns {@code START_OBJECT} at a conversation (for the caller to read)
   * and {@code END_ARRAY} at the array's end; any other value is skipped with a warning, given to
   * {@code exportWarnings}, and its first token returned. Throws where the input ends first.
   */
  public static JsonToken nextElement(JsonParser p, Problems pr, Consumer<Warning> exportWarnings)
      throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw pr.error(
          "the JSON ends too early (a truncated file?)",
          p.currentLocation(),
          JsonPaths.of(p.getParsingContext()),
          null,
          null);
    }
    if (t != JsonToken.START_OBJECT && t != JsonToken.END_ARRAY) {
      pr.warn(
          Warning.Kind.TYPE_MISMATCH,
          "an element of the conversations array is "
              + ConversationParser.kind(t)
              + ", not an object; skipped",
          p.currentTokenLocation(),
          JsonPaths.of(p.getParsingContext()));
      p.skipChildren();
      pr.drain(null).forEach(exportWarnings);
    }
    return t;
  }

  /**
   * Reads the conversation at the parser's current token ({@code START_OBJECT}, as {@link
   * #nextElement} returned it): how the parsing threads of a parallel pass read each element.
   */
  public static Conversation conversation(JsonParser p, Problems pr, ReaderConfig config)
      throws IOException {
    return new ConversationParser(p, pr, config).read();
  }

  /** The error for a token after the conversations array (the parser is at it). */
  public static ChatExportException contentAfterArray(JsonParser p, Problems pr) {
    return pr.error(
        "unexpected content after the array of conversations",
        p.currentTokenLocation(),
        "$",
        null,
        null);
  }

  /**
   * Opens {@code file}, and reads up to its first conversation.
   *
   * @throws ChatExportException where the file is damaged or not an array of conversations (the
   *     caller closes it)
   */
  public void open(String file) {
    Problems pr = new Problems(source.file(), source.locationEntry(file), config.strict());
    problems = pr;
    JsonParser p = null;
    try {
      InputStream raw = new CountingInputStream(source.open(file), counted);
      in = filter == null ? raw : filter.apply(raw);
      handed = 0;
      HeldDamage held = new HeldDamage(new CountingInputStream(in, n -> handed += n));
      SourceBytes k = recording && filter == null ? new SourceBytes(held) : null;
      kept = k;
      sha256 = null;
      p = factory.createParser(k != null ? k : held);
      held.created();
      if (filter != null) {
        p = HtmlExportScanner.unescaping(p);
      }
      parser = p;
      JsonToken t = p.nextToken();
      if (t == null) {
        if (emptyMeansNone(source)) {
          // An empty conversation file in an export holds no conversation (a real failure of the
          // service).
          close();
          return;
        }
        throw pr.error(
            "the file is empty; expected an array of conversations",
            p.currentLocation(),
            "$",
            null,
            null);
      }
      loneStart = null;
      if (t == JsonToken.START_OBJECT) {
        JsonLocation start = p.currentTokenLocation();
        String name = p.nextFieldName();
        if ("conversations".equals(name)) {
          // Tolerated: {"conversations": [...]}, as a few tools write.
          if (p.nextToken() == JsonToken.START_ARRAY) {
            wrapped = true;
            conversations = new ConversationParser(p, pr, config);
            return;
          }
          throw pr.error(
              "expected an array of conversations under \"conversations\"",
              p.currentTokenLocation(),
              "$.conversations",
              null,
              null);
        }
        // One conversation object, as browser exporters and userscripts save a single conversation.
        loneStart = start;
        loneFirst = name;
        loneRead = false;
        conversations = new ConversationParser(p, pr, config);
        return;
      }
      if (t != JsonToken.START_ARRAY) {
        throw pr.error(
            "expected an array of conversations, found " + ConversationParser.kind(t),
            p.currentTokenLocation(),
            "$",
            null,
            null);
      }
      wrapped = false;
      conversations = new ConversationParser(p, pr, config);
    } catch (IOException e) {
      throw Json.translate(e, p, pr, null, handed);
    }
  }

  /**
   * Whether an empty conversation file holds no conversation rather than being damage: in an export
   * (a folder or a ZIP) yes, as the service has sent such exports; a lone file that is empty is not
   * an export at all.
   */
  public static boolean emptyMeansNone(ExportSource source) {
    return source.kind() != ExportSource.Kind.SINGLE_FILE
        && source.kind() != ExportSource.Kind.STREAM;
  }

  /** Closes the open file, if any. */
  public void close() {
    JsonParser p = parser;
    InputStream i = in;
    parser = null;
    in = null;
    kept = null;
    conversations = null;
    loneStart = null;
    try {
      if (p != null) {
        p.close();
      }
      if (i != null) {
        i.close();
      }
    } catch (IOException e) {
      // Read-only input: a failure to close loses nothing.
    }
  }

  /**
   * Holds back a read's failure while jackson creates its parser: creating one reads ahead (up to
   * four bytes, to detect the encoding), and damage met there would end the read before the parser
   * exists, without a location. The failure is reported as the end of those bytes and thrown by the
   * parser's next read, where a parallel pass (which parses the bytes before it from memory) places
   * it too.
   */
  private static final class HeldDamage extends FilterInputStream {
    private @Nullable IOException held;
    private boolean created;

    HeldDamage(InputStream in) {
      super(in);
    }

    void created() {
      created = true;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      IOException e = held;
      if (e != null && created) {
        held = null;
        throw e;
      }
      if (e != null) {
        return -1;
      }
      try {
        return super.read(b, off, len);
      } catch (IOException x) {
        if (created) {
          throw x;
        }
        held = x;
        return -1;
      }
    }
  }
}
