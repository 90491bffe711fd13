package io.github.chatexport.core;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.chatexport.api.Account;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.RawJson;
import io.github.chatexport.core.internal.source.EntryNames;
import io.github.chatexport.core.internal.write.RecordWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Writes records back as the export's own JSON: a conversations file, 2026 shards with a manifest,
 * or a whole export (folder or ZIP) with its other files and assets. What it writes reads back with
 * {@link ExportReader}.
 *
 * <pre>{@code
 * try (ExportReader in = ExportReader.open(source);
 *      ExportWriter out = ExportWriter.open(target);
 *      Stream<Conversation> all = in.conversations()) {
 *   for (Conversation c : (Iterable<Conversation>) all::iterator) {
 *     if (!c.id().equals(secret)) {
 *       out.write(c.withTitle(null));
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>Records are written value for value: the export's field names and shapes, the fields the model
 * keeps raw, numbers with their exact decimal value, null as null and absent as absent, and the
 * order of the nodes in {@code mapping}. A typed field changed through the API ({@code with…}) wins
 * over what the record remembered of the input. Everything is streamed: memory stays bounded by one
 * conversation.
 *
 * <p>In a ZIP, entries are written one after another: write the conversations first, then the other
 * files ({@link #writeAccount}, {@link #writeJson}, {@link #writeFile}, {@link #copyFiles}). A
 * writer is not thread-safe.
 */
public final class ExportWriter implements AutoCloseable {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private final Sink sink;
  private final int perShard;
  private final boolean manifest;
  private final List<String> shards = new ArrayList<>();
  private final Set<String> files = new LinkedHashSet<>();
  private @Nullable JsonGenerator generator;
  private @Nullable RecordWriter records;
  private int inShard;
  private boolean conversationsDone;
  private boolean closed;

  private ExportWriter(Sink sink, int perShard, boolean manifest) {
    this.sink = sink;
    this.perShard = perShard;
    this.manifest = manifest;
  }

  /**
   * Creates (or replaces) a conversations JSON file at {@code path}.
   *
   * @throws IOException if the file cannot be created
   */
  public static ExportWriter open(Path path) throws IOException {
    requireNonNull(path, "path");
    ExportWriter w = new ExportWriter(new StreamSink(Files.newOutputStream(path), true), 0, false);
    w.startConversations();
    return w;
  }

  /**
   * Writes a conversations JSON document onto {@code out}, which stays the caller's: {@link
   * #close()} finishes the document and flushes, but does not close {@code out}.
   */
  public static ExportWriter open(OutputStream out) throws IOException {
    requireNonNull(out, "out");
    ExportWriter w = new ExportWriter(new StreamSink(out, false), 0, false);
    w.startConversations();
    return w;
  }

  /**
   * Writes an export folder at {@code dir} (created if needed): conversations in {@code
   * conversations.json}, or, when {@code conversationsPerShard} is positive, in 2026 shards {@code
   * conversations-000.json}, … of that many conversations each, listed with the other files in
   * {@code export_manifest.json}.
   */
  public static ExportWriter folder(Path dir, int conversationsPerShard) throws IOException {
    requireNonNull(dir, "dir");
    Files.createDirectories(dir);
    return new ExportWriter(
        new FolderSink(dir), Math.max(0, conversationsPerShard), conversationsPerShard > 0);
  }

  /**
   * Writes an export ZIP at {@code zip}, laid out as {@link #folder(Path, int)} lays out a folder.
   */
  public static ExportWriter zip(Path zip, int conversationsPerShard) throws IOException {
    requireNonNull(zip, "zip");
    return new ExportWriter(
        new ZipSink(new ZipOutputStream(Files.newOutputStream(zip))),
        Math.max(0, conversationsPerShard),
        conversationsPerShard > 0);
  }

  /**
   * One conversation in the export's own JSON, compact, on one line (line breaks inside strings are
   * escaped): what a JSON-lines tool writes per line. Value for value like {@link #write}.
   */
  public static String toJson(Conversation conversation) {
    requireNonNull(conversation, "conversation");
    java.io.StringWriter out = new java.io.StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      new RecordWriter(g).write(conversation);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  /**
   * Appends one conversation.
   *
   * @throws IOException if it cannot be written
   * @throws IllegalStateException if the writer is closed, or other files were already written to a
   *     ZIP
   */
  public void write(Conversation conversation) throws IOException {
    requireNonNull(conversation, "conversation");
    checkOpen();
    if (records == null) {
      if (conversationsDone && !(perShard > 0)) {
        throw new IllegalStateException("write every conversation before the other files");
      }
      startConversations();
    }
    requireNonNull(records, "started above").write(conversation);
    inShard++;
    if (perShard > 0 && inShard >= perShard) {
      endConversations();
    }
  }

  /** Writes {@code user.json}. */
  public void writeAccount(Account account) throws IOException {
    requireNonNull(account, "account");
    try (JsonGenerator g = beginJson("user.json")) {
      new RecordWriter(g).write(account);
    }
  }

  /** Writes a JSON file of the export, such as {@code sora.json}, from its raw value. */
  public void writeJson(String name, RawJson json) throws IOException {
    requireNonNull(json, "json");
    try (JsonGenerator g = beginJson(name)) {
      new RecordWriter(g).raw(json);
    }
  }

  /**
   * Writes a file of the export (an asset, say) from {@code content}, which stays the caller's.
   *
   * @throws IllegalArgumentException if {@code name} is not a safe relative name (no {@code ..}, no
   *     absolute path, no drive letter, no backslash)
   */
  public void writeFile(String name, InputStream content) throws IOException {
    requireNonNull(content, "content");
    try (OutputStream out = begin(name)) {
      content.transferTo(out);
    }
  }

  /**
   * Copies the files of {@code from} that {@code which} accepts, by their names relative to the
   * export's root, except the conversation files (written with {@link #write}) and {@code
   * export_manifest.json} (written by this writer when it writes shards): assets, {@code
   * user.json}, feedback, and the rest. Returns how many files were copied.
   */
  public int copyFiles(ExportReader from, Predicate<String> which) throws IOException {
    requireNonNull(from, "from");
    requireNonNull(which, "which");
    Set<String> conversationFiles = new java.util.HashSet<>(from.layout().conversationFiles());
    int copied = 0;
    for (String name : from.files()) {
      if (conversationFiles.contains(name)
          || name.equals("export_manifest.json")
          || files.contains(name)
          || !which.test(name)) {
        continue;
      }
      try (InputStream in = from.openFile(name)) {
        writeFile(name, in);
      }
      copied++;
    }
    return copied;
  }

  private JsonGenerator beginJson(String name) throws IOException {
    JsonGenerator g = FACTORY.createGenerator(begin(name), JsonEncoding.UTF8);
    g.enable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    return g;
  }

  private OutputStream begin(String name) throws IOException {
    requireNonNull(name, "name");
    checkOpen();
    String safe = EntryNames.normalize(name);
    if (safe == null || !safe.equals(name)) {
      throw new IllegalArgumentException("not a safe relative file name: " + name);
    }
    if (!files.add(safe)) {
      throw new IllegalArgumentException("written twice: " + name);
    }
    if (records != null) {
      endConversations();
    }
    conversationsDone = true;
    return sink.begin(safe);
  }

  private void startConversations() throws IOException {
    String name;
    if (perShard > 0) {
      name = String.format("conversations-%03d.json", shards.size());
      shards.add(name);
    } else {
      name = "conversations.json";
      files.add(name);
    }
    JsonGenerator g = FACTORY.createGenerator(sink.begin(name), JsonEncoding.UTF8);
    g.enable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.writeStartArray();
    generator = g;
    records = new RecordWriter(g);
    inShard = 0;
  }

  private void endConversations() throws IOException {
    JsonGenerator g = generator;
    generator = null;
    records = null;
    if (g != null) {
      g.writeEndArray();
      g.close();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the writer is closed");
    }
  }

  /**
   * Finishes what is being written (the conversations file, the manifest) and releases the target.
   * Calling it again does nothing.
   *
   * <p>Unlike {@link ExportReader#close()}, which throws nothing since a reader has nothing to
   * lose, this close is where the last bytes are written and flushed: a failure here is data loss,
   * so it is not silent but thrown as an {@link UncheckedIOException} (no checked exception, so
   * that try-with-resources stays plain). The target is released and the writer closed all the
   * same.
   *
   * @throws UncheckedIOException if the export could not be finished (the files written are
   *     incomplete)
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    try {
      try {
        if (records == null
            && !conversationsDone
            && perShard == 0
            && !(sink instanceof StreamSink)) {
          startConversations();
        }
        endConversations();
        if (manifest) {
          writeManifest();
        }
      } finally {
        closed = true;
        sink.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the export could not be finished", e);
    }
  }

  private void writeManifest() throws IOException {
    List<String> others = new ArrayList<>(files);
    try (JsonGenerator g =
        FACTORY.createGenerator(sink.begin("export_manifest.json"), JsonEncoding.UTF8)) {
      g.enable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeNumberField("version", 1);
      g.writeArrayFieldStart("files");
      g.writeStartObject();
      g.writeStringField("name", "conversations.json");
      g.writeArrayFieldStart("shards");
      for (String shard : shards) {
        g.writeStartObject();
        g.writeStringField("name", shard);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      for (String file : others) {
        g.writeStartObject();
        g.writeStringField("name", file);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  /** Where the writer's files go. */
  private interface Sink {
    /** A stream for the file {@code name}; closing it ends the file. */
    OutputStream begin(String name) throws IOException;

    void close() throws IOException;
  }

  /** An action on close that may fail. */
  @FunctionalInterface
  private interface Closer {
    void close() throws IOException;
  }

  /**
   * One file written into a stream that holds more (or that stays the caller's): closing it ends
   * the file ({@code end}), never the stream.
   */
  private static final class Part extends FilterOutputStream {
    private final Closer end;

    Part(OutputStream out, Closer end) {
      super(out);
      this.end = end;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      end.close();
    }
  }

  /** One stream: a single conversations file. */
  private static final class StreamSink implements Sink {
    private final OutputStream out;
    private final boolean owned;

    StreamSink(OutputStream out, boolean owned) {
      this.out = out;
      this.owned = owned;
    }

    @Override
    public OutputStream begin(String name) {
      return new Part(out, out::flush);
    }

    @Override
    public void close() throws IOException {
      if (owned) {
        out.close();
      } else {
        out.flush();
      }
    }
  }

  /** A folder: one file per name. */
  private static final class FolderSink implements Sink {
    private final Path dir;

    FolderSink(Path dir) {
      this.dir = dir;
    }

    @Override
    public OutputStream begin(String name) throws IOException {
      Path target = dir.resolve(name).normalize();
      if (!target.startsWith(dir.normalize())) {
        throw new IllegalArgumentException("not inside the export folder: " + name);
      }
      Files.createDirectories(target.getParent());
      return Files.newOutputStream(target);
    }

    @Override
    public void close() {}
  }

  /** A ZIP: one entry after another. */
  private static final class ZipSink implements Sink {
    private final ZipOutputStream zip;

    ZipSink(ZipOutputStream zip) {
      this.zip = zip;
    }

    @Override
    public OutputStream begin(String name) throws IOException {
      zip.putNextEntry(new ZipEntry(name));
      return new Part(zip, zip::closeEntry);
    }

    @Override
    public void close() throws IOException {
      zip.close();
    }
  }
}
