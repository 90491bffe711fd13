package io.github.chatexport.core.internal.write;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.chatexport.api.Account;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.RawJson;
import io.github.chatexport.core.internal.source.EntryNames;
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
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * The files an {@code ExportWriter} writes, and where (a stream, a folder or a ZIP): the
 * conversations file or its shards, the other files in the order given, and the manifest that lists
 * them when there are shards. Not thread-safe.
 */
public final class ExportOutput {
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

  private ExportOutput(Sink sink, int perShard, boolean manifest) {
    this.sink = sink;
    this.perShard = perShard;
    this.manifest = manifest;
  }

  /** A conversations JSON file at {@code path}, created or replaced. */
  public static ExportOutput file(Path path) throws IOException {
    ExportOutput w = new ExportOutput(new StreamSink(Files.newOutputStream(path), true), 0, false);
    w.startConversations();
    return w;
  }

  /** A conversations JSON document onto {@code out}, which is flushed at the end, not closed. */
  public static ExportOutput stream(OutputStream out) throws IOException {
    ExportOutput w = new ExportOutput(new StreamSink(out, false), 0, false);
    w.startConversations();
    return w;
  }

  /**
   * An export folder at {@code dir} (created if needed), its conversations in shards of {@code
   * conversationsPerShard} with a manifest when that is positive.
   */
  public static ExportOutput folder(Path dir, int conversationsPerShard) throws IOException {
    Files.createDirectories(dir);
    return new ExportOutput(
        new FolderSink(dir), Math.max(0, conversationsPerShard), conversationsPerShard > 0);
  }

  /** An export ZIP at {@code zip}, laid out as {@link #folder} lays out a folder. */
  public static ExportOutput zip(Path zip, int conversationsPerShard) throws IOException {
    return new ExportOutput(
        new ZipSink(new ZipOutputStream(Files.newOutputStream(zip))),
        Math.max(0, conversationsPerShard),
        conversationsPerShard > 0);
  }

  /** One conversation in the export's own JSON, compact, on one line. */
  public static String toJson(Conversation conversation) {
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
   * @throws IllegalStateException if closed, or other files were already written to a ZIP
   */
  public void write(Conversation conversation) throws IOException {
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
    try (JsonGenerator g = beginJson("user.json")) {
      new RecordWriter(g).write(account);
    }
  }

  /** Writes the JSON file {@code name} from its raw value. */
  public void writeJson(String name, RawJson json) throws IOException {
    try (JsonGenerator g = beginJson(name)) {
      new RecordWriter(g).raw(json);
    }
  }

  /**
   * Writes the file {@code name} from {@code content}, which stays the caller's.
   *
   * @throws IllegalArgumentException if {@code name} is not a safe relative name, or was written
   *     already
   */
  public void writeFile(String name, InputStream content) throws IOException {
    try (OutputStream out = begin(name)) {
      content.transferTo(out);
    }
  }

  /** Whether a file of this name was written (by {@link #writeFile} or another method). */
  public boolean written(String name) {
    return files.contains(name);
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
   * Finishes what is being written (the conversations file, the manifest) and releases the target,
   * which is released and this output closed even when finishing fails. Calling it again does
   * nothing.
   *
   * @throws IOException if the export could not be finished (the files written are incomplete)
   */
  public void close() throws IOException {
    if (closed) {
      return;
    }
    try {
      if (records == null && !conversationsDone && perShard == 0 && !(sink instanceof StreamSink)) {
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
}
