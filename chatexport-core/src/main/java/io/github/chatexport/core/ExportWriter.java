package io.github.chatexport.core;

import static java.util.Objects.requireNonNull;

import io.github.chatexport.api.Account;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.RawJson;
import io.github.chatexport.core.internal.write.ExportOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Predicate;

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
  private final ExportOutput out;

  private ExportWriter(ExportOutput out) {
    this.out = out;
  }

  /**
   * Creates (or replaces) a conversations JSON file at {@code path}.
   *
   * @throws IOException if the file cannot be created
   */
  public static ExportWriter open(Path path) throws IOException {
    requireNonNull(path, "path");
    return new ExportWriter(ExportOutput.file(path));
  }

  /**
   * Writes a conversations JSON document onto {@code out}, which stays the caller's: {@link
   * #close()} finishes the document and flushes, but does not close {@code out}.
   */
  public static ExportWriter open(OutputStream out) throws IOException {
    requireNonNull(out, "out");
    return new ExportWriter(ExportOutput.stream(out));
  }

  /**
   * Writes an export folder at {@code dir} (created if needed): conversations in {@code
   * conversations.json}, or, when {@code conversationsPerShard} is positive, in 2026 shards {@code
   * conversations-000.json}, … of that many conversations each, listed with the other files in
   * {@code export_manifest.json}.
   */
  public static ExportWriter folder(Path dir, int conversationsPerShard) throws IOException {
    requireNonNull(dir, "dir");
    return new ExportWriter(ExportOutput.folder(dir, conversationsPerShard));
  }

  /**
   * Writes an export ZIP at {@code zip}, laid out as {@link #folder(Path, int)} lays out a folder.
   */
  public static ExportWriter zip(Path zip, int conversationsPerShard) throws IOException {
    requireNonNull(zip, "zip");
    return new ExportWriter(ExportOutput.zip(zip, conversationsPerShard));
  }

  /**
   * One conversation in the export's own JSON, compact, on one line (line breaks inside strings are
   * escaped): what a JSON-lines tool writes per line. Value for value like {@link #write}.
   */
  public static String toJson(Conversation conversation) {
    requireNonNull(conversation, "conversation");
    return ExportOutput.toJson(conversation);
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
    out.write(conversation);
  }

  /** Writes {@code user.json}. */
  public void writeAccount(Account account) throws IOException {
    requireNonNull(account, "account");
    out.writeAccount(account);
  }

  /** Writes a JSON file of the export, such as {@code sora.json}, from its raw value. */
  public void writeJson(String name, RawJson json) throws IOException {
    requireNonNull(json, "json");
    out.writeJson(name, json);
  }

  /**
   * Writes a file of the export (an asset, say) from {@code content}, which stays the caller's.
   *
   * @throws IllegalArgumentException if {@code name} is not a safe relative name (no {@code ..}, no
   *     absolute path, no drive letter, no backslash)
   */
  public void writeFile(String name, InputStream content) throws IOException {
    requireNonNull(content, "content");
    out.writeFile(name, content);
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
          || out.written(name)
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
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("the export could not be finished", e);
    }
  }
}
