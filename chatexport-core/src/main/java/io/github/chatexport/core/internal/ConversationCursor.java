package io.github.chatexport.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Warning;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import io.github.chatexport.core.ChatExportException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One pass over the conversations of an export: the conversation files in order, each a JSON array read one
 * conversation at a time. Not thread-safe.
 */
public final class ConversationCursor implements Iterator<Conversation>, AutoCloseable {
  private final ExportSource source;
  private final List<String> files;
  private final @Nullable Filter filter;
  private final Map<String, Seen> seen = new HashMap<>();
  private final List<ChatExportException> damage = new ArrayList<>();
  private @Nullable String currentFile;
  private int index;
  private final ReaderConfig config;
  private final JsonFactory factory;
  private final Consumer<Warning> exportWarnings;
  private int nextFile;
  private @Nullable InputStream in;
  private @Nullable JsonParser parser;
  private @Nullable ConversationParser conversations;
  private @Nullable Problems problems;
  private @Nullable Conversation next;
  private boolean closed;
  private boolean wrapped;
  /** Where the file's lone conversation object began, when its top level is one (else null). */
  private @Nullable JsonLocation loneStart;
  private @Nullable String loneFirst;
  private boolean loneRead;
  private int firstIndexOfFile;
  private long bytesRead;
  private long delivered;
  private @Nullable Progress progress;

  /** Hears the progress of the pass. */
  @FunctionalInterface
  public interface Progress {
    /** After each conversation and at the end. */
    void progress(long conversations, long bytesRead);
  }

  /** Sets who hears the progress of this pass. */
  public void onProgress(Progress progress) {
    this.progress = progress;
  }

  private void count(long bytes) {
    bytesRead += bytes;
  }

  /** A pass over {@code files} of {@code source}. */
  public ConversationCursor(ExportSource source, List<String> files, @Nullable Filter filter,
      ReaderConfig config, JsonFactory factory, Consumer<Warning> exportWarnings) {
    this.source = source;
    this.files = files;
    this.filter = filter;
    this.config = config;
    this.factory = factory;
    this.exportWarnings = exportWarnings;
  }

  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    if (closed) {
      return false;
    }
    try {
      next = advance();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    if (next == null) {
      if (index == 0 && !closed) {
        String first = files.isEmpty() ? null : files.get(0);
        exportWarnings.accept(new Warning(Warning.Kind.EMPTY_EXPORT,
            "the export holds no conversations at all: its conversation files are empty",
            new io.github.chatexport.api.Location(source.file(), first == null ? null : source.locationEntry(first),
                -1, -1, -1, "$", null)));
      }
      close();
      if (progress != null) {
        progress.progress(delivered, bytesRead);
      }
      return false;
    }
    return true;
  }

  @Override
  public Conversation next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Conversation c = next;
    next = null;
    delivered++;
    if (progress != null) {
      progress.progress(delivered, bytesRead);
    }
    return c;
  }

  /** Turns an entry's bytes into the bytes of a conversations array (for chat.html). */
  @FunctionalInterface
  public interface Filter {
    /** The filtered stream; closing it closes {@code in}. */
    InputStream apply(InputStream in) throws IOException;
  }

  /** Where a conversation id was first met. */
  private record Seen(String file, int index, @Nullable Instant updateTime) {}

  private @Nullable ParallelPipeline pipeline;
  private ParallelPipeline.@Nullable Batch batch;
  private int batchIndex;
  /** The export warnings of the batch noted so far. */
  private int batchWarning;
  private @Nullable String serialFile;
  private @Nullable String skipFile;
  private long bytesBefore;
  private long bytesInFile;

  private @Nullable Conversation advanceParallel() {
    ParallelPipeline pipe = pipeline;
    while (true) {
      if (serialFile != null) {
        try {
          Conversation c = nextInFile();
          if (c != null) {
            return checkDuplicate(c);
          }
        } catch (ChatExportException e) {
          noteDamage(e);
        }
        serialFile = null;
        continue;
      }
      ParallelPipeline.Batch b = batch;
      if (b != null) {
        // The batch's export warnings met before its next conversation (or its end), as a serial pass meets them.
        while (batchWarning < b.exportWarnings.size() && b.exportWarningsAfter.get(batchWarning) <= batchIndex) {
          exportWarnings.accept(b.exportWarnings.get(batchWarning++));
        }
      }
      if (b != null && batchIndex < b.conversations.size()) {
        Conversation c = b.conversations.get(batchIndex++);
        if (batchIndex == b.conversations.size()) {
          bytesInFile = Math.max(bytesInFile, b.bytesEnd);
        }
        bytesRead = bytesBefore + bytesInFile;
        return checkDuplicate(c);
      }
      if (b != null && b.error != null) {
        skipFile = b.file;
        batch = null;
        noteDamage(b.error);
        continue;
      }
      batch = null;
      b = pipe.take();
      if (b == null) {
        bytesRead = bytesBefore + bytesInFile;
        throwDamage();
        return null;
      }
      if (b.file.equals(skipFile)) {
        continue;
      }
      if (!b.file.equals(currentFile)) {
        currentFile = b.file;
        firstIndexOfFile = index;
        bytesBefore += bytesInFile;
        bytesInFile = 0;
      }
      if (b.serial) {
        b.exportWarnings.forEach(exportWarnings);
        try {
          openFile(b.file);
          serialFile = b.file;
        } catch (ChatExportException e) {
          noteDamage(e);
        }
        continue;
      }
      batch = b;
      batchIndex = 0;
      batchWarning = 0;
    }
  }

  /**
   * Notes damage to one file: in strict mode it is thrown now; otherwise the other files are still read and the
   * first damage is thrown at the end of the pass, the others suppressed.
   */
  private void noteDamage(ChatExportException e) {
    closeFile();
    if (config.strict()) {
      throw e;
    }
    damage.add(e);
  }

  private void throwDamage() {
    if (!damage.isEmpty()) {
      ChatExportException first = damage.get(0);
      for (int i = 1; i < damage.size(); i++) {
        first.addSuppressed(damage.get(i));
      }
      damage.clear();
      throw first;
    }
  }

  private @Nullable Conversation advance() {
    if (config.parallelism() > 1 && source.rereadable()) {
      if (pipeline == null) {
        pipeline = new ParallelPipeline(source, files, filter, config, factory, config.parallelism());
      }
      return advanceParallel();
    }
    while (true) {
      if (parser == null) {
        if (nextFile >= files.size()) {
          throwDamage();
          return null;
        }
        try {
          openFile(files.get(nextFile++));
        } catch (ChatExportException e) {
          noteDamage(e);
          continue;
        }
      }
      try {
        Conversation c = nextInFile();
        if (c != null) {
          return checkDuplicate(c);
        }
      } catch (ChatExportException e) {
        noteDamage(e);
      }
    }
  }

  private Conversation checkDuplicate(Conversation c) {
    String file = currentFile == null ? source.file() : currentFile;
    int at = index++;
    Seen first = seen.putIfAbsent(c.id(), new Seen(file, at, c.updateTime()));
    if (first == null || c.id().isEmpty()) {
      return c;
    }
    String newer;
    Instant mine = c.updateTime();
    Instant theirs = first.updateTime();
    if (mine == null || theirs == null) {
      newer = "which is newer is unknown (no update_time)";
    } else if (mine.isAfter(theirs)) {
      newer = "this copy is newer by update_time";
    } else if (mine.isBefore(theirs)) {
      newer = "the earlier copy is newer by update_time";
    } else {
      newer = "both have the same update_time";
    }
    Problems pr = new Problems(source.file(), source.locationEntry(file), false);
    List<Warning> warnings = new ArrayList<>(c.warnings());
    Warning duplicate = new Warning(Warning.Kind.DUPLICATE_CONVERSATION,
        "the conversation was met before, at " + first.file() + " $[" + first.index() + "]; " + newer,
        pr.location(null, "$[" + (at - firstIndexOfFile) + "]", c.id()));
    if (config.strict()) {
      throw new ChatExportException("strict mode: " + duplicate.kind() + ": " + duplicate.message(),
          duplicate.location(), null);
    }
    warnings.add(duplicate);
    return c.withWarnings(warnings);
  }

  private @Nullable Conversation nextInFile() {
    JsonParser p = parser;
    Problems pr = problems;
    if (p == null) {
      return null; // an empty file, closed when opened
    }
    if (loneStart != null) {
      try {
        if (!loneRead) {
          loneRead = true;
          return conversations.readLone(loneStart, loneFirst);
        }
        if (p.nextToken() != null && filter == null) {
          throw pr.error("unexpected content after the conversation object", p.currentTokenLocation(), "$", null,
              null);
        }
        closeFile();
        return null;
      } catch (IOException e) {
        throw Json.translate(e, p, pr, null, handed);
      }
    }
    while (true) {
      try {
        JsonToken t = nextElement(p, pr, exportWarnings);
        if (t == JsonToken.START_OBJECT) {
          return conversations.read();
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
          closeFile();
          return null;
        }
      } catch (IOException e) {
        throw Json.translate(e, p, pr, null, handed);
      }
    }
  }

  /**
   * Moves to the next element of a conversations array, as a serial pass and the parsing threads of a parallel
   * one both do. Returns {@code START_OBJECT} at a conversation (for the caller to read) and {@code END_ARRAY} at
   * the array's end; any other value is skipped with a warning, given to {@code exportWarnings}, and its first
   * token returned. Throws where the input ends first.
   */
  static JsonToken nextElement(JsonParser p, Problems pr, Consumer<Warning> exportWarnings) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw pr.error("the JSON ends too early (a truncated file?)", p.currentLocation(),
          JsonPaths.of(p.getParsingContext()), null, null);
    }
    if (t != JsonToken.START_OBJECT && t != JsonToken.END_ARRAY) {
      pr.warn(Warning.Kind.TYPE_MISMATCH,
          "an element of the conversations array is " + ConversationParser.kind(t) + ", not an object; skipped",
          p.currentTokenLocation(), JsonPaths.of(p.getParsingContext()));
      p.skipChildren();
      pr.drain(null).forEach(exportWarnings);
    }
    return t;
  }

  /** The error for a token after the conversations array (the parser is at it). */
  static ChatExportException contentAfterArray(JsonParser p, Problems pr) {
    return pr.error("unexpected content after the array of conversations", p.currentTokenLocation(), "$", null,
        null);
  }

  /**
   * The bytes of the current file handed to its parser (after chat.html's filter): where an I/O error that is
   * not the JSON's own is placed, as a parallel read places it.
   */
  private long handed;

  private void openFile(String file) {
    currentFile = file;
    firstIndexOfFile = index;
    Problems pr = new Problems(source.file(), source.locationEntry(file), config.strict());
    problems = pr;
    JsonParser p = null;
    try {
      InputStream raw = new CountingInputStream(source.open(file), this::count);
      in = filter == null ? raw : filter.apply(raw);
      handed = 0;
      HeldDamage held = new HeldDamage(new CountingInputStream(in, n -> handed += n));
      p = factory.createParser(held);
      held.created();
      if (filter != null) {
        p = HtmlStrings.wrap(p);
      }
      parser = p;
      JsonToken t = p.nextToken();
      if (t == null) {
        if (emptyMeansNone(source)) {
          // An empty conversation file in an export holds no conversation (a real failure of the service).
          closeFile();
          return;
        }
        throw pr.error("the file is empty; expected an array of conversations", p.currentLocation(), "$", null,
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
          throw pr.error("expected an array of conversations under \"conversations\"", p.currentTokenLocation(),
              "$.conversations", null, null);
        }
        // One conversation object, as browser exporters and userscripts save a single conversation.
        loneStart = start;
        loneFirst = name;
        loneRead = false;
        conversations = new ConversationParser(p, pr, config);
        return;
      }
      if (t != JsonToken.START_ARRAY) {
        throw pr.error("expected an array of conversations, found " + ConversationParser.kind(t),
            p.currentTokenLocation(), "$", null, null);
      }
      wrapped = false;
      conversations = new ConversationParser(p, pr, config);
    } catch (IOException e) {
      throw Json.translate(e, p, pr, null, handed);
    }
  }

  /**
   * Holds back a read's failure while jackson creates its parser: creating one reads ahead (up to four bytes, to
   * detect the encoding), and damage met there would end the read before the parser exists, without a location.
   * The failure is reported as the end of those bytes and thrown by the parser's next read, where a parallel pass
   * (which parses the bytes before it from memory) places it too.
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

  /**
   * Whether an empty conversation file holds no conversation rather than being damage: in an export (a folder or
   * a ZIP) yes, as the service has sent such exports; a lone file that is empty is not an export at all.
   */
  static boolean emptyMeansNone(ExportSource source) {
    return !(source instanceof SingleFileSource) && !(source instanceof StreamSource);
  }

  private void closeFile() {
    JsonParser p = parser;
    InputStream i = in;
    parser = null;
    in = null;
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

  @Override
  public void close() {
    closed = true;
    closeFile();
    if (pipeline != null) {
      pipeline.close();
    }
  }

  /** Whether this pass is over. */
  public boolean isClosed() {
    return closed;
  }
}
