package io.github.chatexport.core;

import static java.util.Objects.requireNonNull;

import io.github.chatexport.api.Account;
import io.github.chatexport.api.CanvasDocument;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.ExportManifest;
import io.github.chatexport.api.Feedback;
import io.github.chatexport.api.LibraryFile;
import io.github.chatexport.api.ModelComparison;
import io.github.chatexport.api.RawJson;
import io.github.chatexport.api.SharedConversation;
import io.github.chatexport.api.Warning;
import io.github.chatexport.core.internal.OpenExport;
import io.github.chatexport.core.internal.Opener;
import io.github.chatexport.core.internal.config.ReaderConfig;
import io.github.chatexport.core.internal.pass.ConversationCursor;
import io.github.chatexport.core.internal.zip.ArchiveLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Reads a ChatGPT data export: the ZIP as downloaded, the extracted folder, or one conversations
 * JSON file.
 *
 * <pre>{@code
 * try (ExportReader export = ExportReader.open(Path.of("chatgpt-export.zip"));
 *      Stream<Conversation> conversations = export.conversations()) {
 *   conversations.forEach(c -> System.out.println(c.title() + ": " + c.activeBranch().messages().size()));
 * }
 * }</pre>
 *
 * <p>Conversations are streamed: one is held in memory at a time, the file is never loaded whole,
 * and a ZIP entry is read in place, never extracted. Every call of {@link #conversations()} or
 * {@link #iterator()} is a new pass from the start.
 *
 * <p>Oddities that need not stop the read become {@link Warning}s, attached to the conversation
 * they concern ({@link Conversation#warnings()}) or to the export ({@link #warnings()}). Damage
 * stops a pass with a {@link ChatExportException} that says where, after every conversation before
 * it has been delivered. With {@link Builder#strict(boolean) strict} on, every warning is an error.
 *
 * <p>A reader is not thread-safe; use one per thread, or one pass at a time. {@link #close()} ends
 * every pass and releases the file; it throws nothing and may be called again.
 */
public final class ExportReader implements AutoCloseable, Iterable<Conversation> {
  private final OpenExport export;
  private @Nullable Assets assets;

  private ExportReader(OpenExport export) {
    this.export = export;
  }

  /**
   * Opens an export with the default settings: a ZIP file as downloaded, an extracted folder, or
   * one conversations JSON file.
   *
   * @throws IOException if the file cannot be read
   * @throws ChatExportException if it is not an export at all (the message says what was found)
   */
  public static ExportReader open(Path path) throws IOException {
    return builder().open(path);
  }

  /**
   * Opens an export given as a stream (an upload, say): a conversations JSON file or a ZIP. The
   * stream stays the caller's: the reader never closes it. A JSON stream can be read in one pass
   * only; a ZIP stream is copied to a private temporary file, deleted on {@link #close()}.
   *
   * @param in the stream
   * @param name a name for the stream, used in locations and messages
   * @throws IOException if the stream cannot be read
   * @throws ChatExportException if it is not an export at all
   */
  public static ExportReader open(InputStream in, String name) throws IOException {
    return builder().open(in, name);
  }

  /** Settings for opening exports: limits and strictness. */
  public static Builder builder() {
    return Builder.DEFAULT;
  }

  /**
   * A new, lazy, sequential pass over the conversations, in file order. Closing the stream ends the
   * pass; closing the reader ends all passes. Damage ends the pass with a {@link
   * ChatExportException}, after every conversation before it.
   */
  public Stream<Conversation> conversations() {
    return conversations(null);
  }

  /**
   * A new pass over the conversations, as {@link #conversations()}, that tells {@code listener} how
   * far it has come after each conversation: for progress bars. {@link #conversationBytes()} is the
   * total.
   */
  public Stream<Conversation> conversations(@Nullable ProgressListener listener) {
    return stream(export.newPass(false), listener);
  }

  private Stream<Conversation> stream(
      ConversationCursor cursor, @Nullable ProgressListener listener) {
    if (listener != null) {
      long total = conversationBytes();
      cursor.onProgress((count, bytes) -> listener.progress(count, bytes, total));
    }
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(cursor, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(() -> export.endPass(cursor));
  }

  /**
   * A new pass over the conversations, as {@link #conversations(ProgressListener)}, that also tells
   * {@code sources} the SHA-256 of the bytes each conversation was read from (see {@link
   * SourceListener} for the conversations it is not told of). Such a pass reads on one thread,
   * whatever the {@linkplain Builder#parallelism(int) parallelism}: it meets each conversation's
   * bytes as it parses them.
   */
  public Stream<Conversation> conversations(
      @Nullable ProgressListener listener, SourceListener sources) {
    requireNonNull(sources, "sources");
    ConversationCursor cursor = export.newPass(true);
    cursor.onSources(sources);
    return stream(cursor, listener);
  }

  /**
   * A new pass over the conversations, as an iterator. The pass ends (and its file is released)
   * when the iterator is exhausted, when it fails, or when the reader is closed.
   */
  @Override
  public Iterator<Conversation> iterator() {
    ConversationCursor cursor = export.newPass(false);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        boolean more = cursor.hasNext();
        if (!more) {
          export.passEnded(cursor);
        }
        return more;
      }

      @Override
      public Conversation next() {
        return cursor.next();
      }
    };
  }

  /**
   * The account, from {@code user.json}; empty when the export has none.
   *
   * @throws ChatExportException if {@code user.json} is damaged
   */
  public Optional<Account> account() {
    return export.account();
  }

  /** The bytes of all conversation files (uncompressed), or -1 when unknown (a stream). */
  public long conversationBytes() {
    return export.conversationBytes();
  }

  /**
   * How the export is laid out: what was opened, where the conversations come from, and the export
   * generation it looks like (from its files and its first conversation, which this reads when the
   * input can be read again).
   */
  public ExportLayout layout() {
    return export.layout();
  }

  /**
   * Every file of the export, as names relative to the export's root folder ({@code user.json},
   * {@code dalle-generations/file-….webp}, …), sorted. Unsafe names and macOS metadata are not
   * listed.
   */
  public List<String> files() {
    return export.files();
  }

  /**
   * Opens any file of the export by its name relative to the export's root (as {@link #files()}
   * lists it), straight from the archive. The caller closes the stream.
   *
   * @throws java.io.FileNotFoundException if the export has no such file
   * @throws IOException if it cannot be read
   */
  public InputStream openFile(String name) throws IOException {
    requireNonNull(name, "name");
    return export.openFile(name);
  }

  /**
   * What stands for the bytes of the file {@code name} (as {@link #files()} lists it) without
   * reading them, when the export's container keeps it: for an entry of a ZIP read through its
   * central directory, the entry's CRC-32 and size; for a file of a folder, its size, modification
   * time and file key (the same file on the disk: a copy, or another extraction of a ZIP that dates
   * every entry alike, is another file). Empty otherwise (a ZIP salvaged from its local headers, a
   * single file, a stream, a file system without file keys, no such file). The same name with the
   * same stamp in another export almost surely holds the same bytes (it is the check rsync makes
   * before it reads a file), so that a tool which stored those bytes before may skip reading them
   * again. What goes unseen: a change that keeps the size and the CRC-32, or, in a folder, a file
   * rewritten in place at its size with its modification time kept (set back, or within the file
   * system's resolution of times).
   */
  public Optional<String> fileStamp(String name) {
    requireNonNull(name, "name");
    return Optional.ofNullable(export.fileStamp(name));
  }

  /**
   * Reads any JSON file of the export whole, by its name relative to the export's root ({@code
   * group_chats.json}, {@code sora.json}, {@code user_settings.json}, …): nothing in the archive is
   * out of reach. Empty when there is no such file.
   *
   * @throws ChatExportException if the file is not valid JSON
   */
  public Optional<RawJson> json(String name) {
    requireNonNull(name, "name");
    return export.json(name);
  }

  /** {@code export_manifest.json} (2026 exports), if present. */
  public Optional<ExportManifest> manifest() {
    return export.manifest();
  }

  /**
   * The rows of {@code message_feedback.json} (both the 2023 and the 2025–26 shapes); empty if
   * absent.
   */
  public List<Feedback> feedback() {
    return export.feedback();
  }

  /** The rows of {@code shared_conversations.json}; empty if absent. */
  public List<SharedConversation> sharedConversations() {
    return export.sharedConversations();
  }

  /** The rows of {@code model_comparisons.json}; empty if absent. */
  public List<ModelComparison> modelComparisons() {
    return export.modelComparisons();
  }

  /** The rows of {@code library_files.json} (2026); empty if absent. */
  public List<LibraryFile> libraryFiles() {
    return export.libraryFiles();
  }

  /**
   * {@code conversation_asset_file_names.json} (2026): asset file name ({@code file_….dat}) to the
   * display name the user knew (untrusted); empty if absent.
   */
  public Map<String, String> assetFileNames() {
    return export.assetFileNames();
  }

  /**
   * The assets of the export (uploads, generated images, voice recordings) and the resolution of
   * the pointers messages make to them. The index is built on first use, from the file names,
   * {@code library_files.json}, {@code conversation_asset_file_names.json} and chat.html's {@code
   * assetsJson}, and the first bytes of each asset (for its MIME type).
   */
  public synchronized Assets assets() {
    Assets a = assets;
    if (a == null) {
      a = new Assets(export.assetIndex());
      assets = a;
    }
    return a;
  }

  /** The canvas documents under {@code textdocs/}, each read whole. */
  public List<CanvasDocument> canvasDocuments() {
    return export.canvasDocuments();
  }

  /**
   * The problems that belong to the export rather than to one conversation, known so far (some are
   * found only during a pass).
   */
  public List<Warning> warnings() {
    return export.warnings();
  }

  /**
   * Ends every pass and releases the export's file. Throws nothing; calling it again does nothing.
   */
  @Override
  public void close() {
    export.close();
  }

  @Override
  public String toString() {
    return "ExportReader[" + export + "]";
  }

  /**
   * Settings for opening exports; immutable and safe to share: each setter returns a new builder.
   *
   * <pre>{@code
   * ExportReader.Builder strict = ExportReader.builder().strict(true).maxNodesPerConversation(50_000);
   * try (ExportReader export = strict.open(path)) { ... }
   * }</pre>
   */
  public static final class Builder {
    static final Builder DEFAULT = new Builder(ReaderConfig.DEFAULTS);

    private final ReaderConfig config;

    private Builder(ReaderConfig config) {
      this.config = config;
    }

    /** Whether every warning is an error, thrown where it occurs (default: false). */
    public Builder strict(boolean strict) {
      return new Builder(
          config.with(
              b -> {
                b.strict = strict;
                return b;
              }));
    }

    /** The longest string accepted, in chars (default: 256 Mi). */
    public Builder maxStringLength(int chars) {
      positive(chars, "chars");
      return new Builder(
          config.with(
              b -> {
                b.maxStringLength = chars;
                return b;
              }));
    }

    /** The deepest nesting of arrays and objects accepted (default: 1,000). */
    public Builder maxNestingDepth(int depth) {
      positive(depth, "depth");
      return new Builder(
          config.with(
              b -> {
                b.maxNestingDepth = depth;
                return b;
              }));
    }

    /** The longest number accepted, in chars (default: 1,000). */
    public Builder maxNumberLength(int chars) {
      positive(chars, "chars");
      return new Builder(
          config.with(
              b -> {
                b.maxNumberLength = chars;
                return b;
              }));
    }

    /** The most nodes accepted in one conversation (default: 2,000,000). */
    public Builder maxNodesPerConversation(int nodes) {
      positive(nodes, "nodes");
      return new Builder(
          config.with(
              b -> {
                b.maxNodesPerConversation = nodes;
                return b;
              }));
    }

    /**
     * How many threads parse conversations (default: 1, the consuming thread only). With 2 or more,
     * one thread reads the conversation files in order (inflating them, from a ZIP) and cuts them
     * at conversation boundaries with a byte-level scan, and {@code threads} threads parse the
     * pieces; the pass still delivers conversations in file order, holds only a small window of
     * them, and reports warnings and errors at their exact locations. Threads are daemons, named
     * {@code chatexport-*}, and end with the pass. A stream (see {@link
     * ExportReader#open(InputStream, String)}) is always read by one thread.
     */
    public Builder parallelism(int threads) {
      positive(threads, "threads");
      return new Builder(
          config.with(
              b -> {
                b.parallelism = threads;
                return b;
              }));
    }

    /**
     * The most a ZIP entry may inflate to, as a multiple of its compressed size (default: 100; real
     * JSON deflates 5–20×, a zip bomb about 1,000×). Entries may always inflate to 64 MiB whatever
     * their ratio.
     */
    public Builder maxInflationRatio(long ratio) {
      ArchiveLimits limits = config.archive();
      ArchiveLimits checked =
          new ArchiveLimits(ratio, limits.minimumBytes(), limits.maxEntryBytes());
      return new Builder(
          config.with(
              b -> {
                b.archive = checked;
                return b;
              }));
    }

    /** The most bytes any one ZIP entry may inflate to (default: 16 GiB). */
    public Builder maxEntrySize(long bytes) {
      ArchiveLimits limits = config.archive();
      ArchiveLimits checked =
          new ArchiveLimits(limits.maxRatio(), Math.min(limits.minimumBytes(), bytes), bytes);
      return new Builder(
          config.with(
              b -> {
                b.archive = checked;
                return b;
              }));
    }

    private static int positive(int value, String name) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }

    /**
     * Opens an export with these settings: a ZIP file, an extracted folder, or one conversations
     * JSON file.
     *
     * @throws IOException if the file cannot be read
     * @throws ChatExportException if it is not an export at all
     */
    public ExportReader open(Path path) throws IOException {
      return new ExportReader(new Opener(config).open(path));
    }

    /**
     * Opens an export given as a stream with these settings; the stream stays the caller's.
     *
     * @see ExportReader#open(InputStream, String)
     */
    public ExportReader open(InputStream in, String name) throws IOException {
      return new ExportReader(new Opener(config).open(in, name));
    }

    @Override
    public String toString() {
      return "ExportReader.Builder" + config;
    }
  }
}
