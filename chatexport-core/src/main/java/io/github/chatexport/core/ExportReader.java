package io.github.chatexport.core;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.chatexport.api.Account;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Location;
import io.github.chatexport.api.Warning;
import io.github.chatexport.api.CanvasDocument;
import io.github.chatexport.api.ExportManifest;
import io.github.chatexport.api.Feedback;
import io.github.chatexport.api.LibraryFile;
import io.github.chatexport.api.ModelComparison;
import io.github.chatexport.api.RawJson;
import io.github.chatexport.api.SharedConversation;
import io.github.chatexport.core.internal.AccountParser;
import io.github.chatexport.core.internal.AuxiliaryFiles;
import io.github.chatexport.core.internal.NestedSource;
import io.github.chatexport.core.internal.archive.ArchiveLimits;
import io.github.chatexport.core.internal.archive.HtmlExportScanner;
import io.github.chatexport.core.internal.SalvagedZipSource;
import io.github.chatexport.core.internal.AssetIndex;
import io.github.chatexport.core.internal.ConversationCursor;
import io.github.chatexport.core.internal.DirectorySource;
import io.github.chatexport.core.internal.ExportSource;
import io.github.chatexport.core.internal.Json;
import io.github.chatexport.core.internal.Layout;
import io.github.chatexport.core.internal.Problems;
import io.github.chatexport.core.internal.ReaderConfig;
import io.github.chatexport.core.internal.SingleFileSource;
import io.github.chatexport.core.internal.StreamSource;
import io.github.chatexport.core.internal.TempFiles;
import io.github.chatexport.core.internal.ZipSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * Reads a ChatGPT data export: the ZIP as downloaded, the extracted folder, or one conversations JSON file.
 *
 * <pre>{@code
 * try (ExportReader export = ExportReader.open(Path.of("chatgpt-export.zip"));
 *      Stream<Conversation> conversations = export.conversations()) {
 *   conversations.forEach(c -> System.out.println(c.title() + ": " + c.activeBranch().messages().size()));
 * }
 * }</pre>
 *
 * <p>Conversations are streamed: one is held in memory at a time, the file is never loaded whole, and a ZIP entry
 * is read in place, never extracted. Every call of {@link #conversations()} or {@link #iterator()} is a new pass
 * from the start.
 *
 * <p>Oddities that need not stop the read become {@link Warning}s, attached to the conversation they concern
 * ({@link Conversation#warnings()}) or to the export ({@link #warnings()}). Damage stops a pass with a
 * {@link ChatExportException} that says where, after every conversation before it has been delivered. With
 * {@link Builder#strict(boolean) strict} on, every warning is an error.
 *
 * <p>A reader is not thread-safe; use one per thread, or one pass at a time. {@link #close()} ends every pass and
 * releases the file; it throws nothing and may be called again.
 */
public final class ExportReader implements AutoCloseable, Iterable<Conversation> {
  private static final int SNIFF = 64;

  private final ExportSource source;
  private final Layout layout;
  private final ReaderConfig config;
  private final JsonFactory factory;
  private final List<Warning> warnings = Collections.synchronizedList(new ArrayList<>());
  private final Set<ConversationCursor> passes = ConcurrentHashMap.newKeySet();
  private final AuxiliaryFiles files;
  private @Nullable Optional<Account> account;
  private @Nullable Optional<ExportManifest> manifest;
  private @Nullable Assets assets;
  private @Nullable ExportLayout exportLayout;
  private volatile boolean closed;

  private ExportReader(ExportSource source, Layout layout, ReaderConfig config, JsonFactory factory,
      List<Warning> layoutWarnings) {
    this.source = source;
    this.layout = layout;
    this.config = config;
    this.factory = factory;
    this.warnings.addAll(layoutWarnings);
    this.files = new AuxiliaryFiles(source, config, factory, warnings::add);
  }

  /**
   * Opens an export with the default settings: a ZIP file as downloaded, an extracted folder, or one
   * conversations JSON file.
   *
   * @throws IOException if the file cannot be read
   * @throws ChatExportException if it is not an export at all (the message says what was found)
   */
  public static ExportReader open(Path path) throws IOException {
    return builder().open(path);
  }

  /**
   * Opens an export given as a stream (an upload, say): a conversations JSON file or a ZIP. The stream stays
   * the caller's: the reader never closes it. A JSON stream can be read in one pass only; a ZIP stream is copied
   * to a private temporary file, deleted on {@link #close()}.
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
   * A new, lazy, sequential pass over the conversations, in file order. Closing the stream ends the pass;
   * closing the reader ends all passes. Damage ends the pass with a {@link ChatExportException}, after every
   * conversation before it.
   */
  public Stream<Conversation> conversations() {
    return conversations(null);
  }

  /**
   * A new pass over the conversations, as {@link #conversations()}, that tells {@code listener} how far it has
   * come after each conversation: for progress bars. {@link #conversationBytes()} is the total.
   */
  public Stream<Conversation> conversations(@Nullable ProgressListener listener) {
    ConversationCursor cursor = newPass();
    if (listener != null) {
      long total = conversationBytes();
      cursor.onProgress((count, bytes) -> listener.progress(count, bytes, total));
    }
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(cursor, Spliterator.ORDERED | Spliterator.NONNULL), false)
        .onClose(() -> endPass(cursor));
  }

  /**
   * A new pass over the conversations, as an iterator. The pass ends (and its file is released) when the
   * iterator is exhausted, when it fails, or when the reader is closed.
   */
  @Override
  public Iterator<Conversation> iterator() {
    ConversationCursor cursor = newPass();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        boolean more = cursor.hasNext();
        if (!more) {
          passes.remove(cursor);
        }
        return more;
      }

      @Override
      public Conversation next() {
        return cursor.next();
      }
    };
  }

  private ConversationCursor newPass() {
    return newPass(this::passWarning);
  }

  /**
   * Notes an export warning met by a pass over the conversations: every pass meets the same ones (a skipped
   * element of the array, say), and each is kept once.
   */
  private void passWarning(Warning w) {
    synchronized (warnings) {
      if (passWarnings.add(w)) {
        warnings.add(w);
      }
    }
  }

  /** The export warnings that passes have noted, to keep each once. */
  private final java.util.Set<Warning> passWarnings = new java.util.HashSet<>();

  private ConversationCursor newPass(java.util.function.Consumer<Warning> exportWarnings) {
    if (closed) {
      throw new IllegalStateException("the reader is closed");
    }
    ConversationCursor cursor = new ConversationCursor(source, layout.conversations(),
        layout.html() ? HtmlExportScanner::jsonData : null, config, factory, exportWarnings);
    passes.add(cursor);
    return cursor;
  }

  private void endPass(ConversationCursor cursor) {
    cursor.close();
    passes.remove(cursor);
  }

  /**
   * The account, from {@code user.json}; empty when the export has none.
   *
   * @throws ChatExportException if {@code user.json} is damaged
   */
  public synchronized Optional<Account> account() {
    Optional<Account> a = account;
    if (a == null) {
      String entry = entry("user.json");
      a = entry == null ? Optional.empty() : Optional.of(readAccount(entry));
      account = a;
    }
    return a;
  }

  private Account readAccount(String entry) {
    Problems problems = new Problems(source.file(), source.locationEntry(entry), config.strict());
    JsonParser p = null;
    try (InputStream in = source.open(entry)) {
      p = factory.createParser(in);
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        throw problems.error("expected an object in user.json", p.currentTokenLocation(), "$", null, null);
      }
      Account account = new AccountParser(p, problems).read();
      problems.drain(null).forEach(warnings::add);
      return account;
    } catch (IOException e) {
      throw Json.translate(e, p, problems, null);
    } finally {
      if (p != null) {
        try {
          p.close();
        } catch (IOException e) {
          // read-only
        }
      }
    }
  }

  /** The bytes of all conversation files (uncompressed), or -1 when unknown (a stream). */
  public long conversationBytes() {
    long total = 0;
    for (String file : layout.conversations()) {
      long size = source.size(file);
      if (size < 0) {
        return -1;
      }
      total += size;
    }
    return total;
  }

  /**
   * How the export is laid out: what was opened, where the conversations come from, and the export generation it
   * looks like (from its files and its first conversation, which this reads when the input can be read again).
   */
  public synchronized ExportLayout layout() {
    ExportLayout l = exportLayout;
    if (l == null) {
      ExportSource base = source;
      boolean nested = base instanceof NestedSource;
      ExportLayout.Container container = base instanceof StreamSource ? ExportLayout.Container.STREAM
          : base instanceof SingleFileSource
              ? layout.html() ? ExportLayout.Container.HTML_FILE : ExportLayout.Container.JSON_FILE
          : base instanceof DirectorySource ? ExportLayout.Container.FOLDER
          : ExportLayout.Container.ZIP;
      ExportLayout.Source from;
      if (container == ExportLayout.Container.STREAM || container == ExportLayout.Container.JSON_FILE) {
        from = source.rereadable() && loneConversation() ? ExportLayout.Source.SINGLE_CONVERSATION
            : ExportLayout.Source.JSON_FILE;
      } else if (layout.html()) {
        from = ExportLayout.Source.CHAT_HTML;
      } else if (layout.conversations().size() == 1
          && layout.conversations().get(0).endsWith("conversations.json")) {
        from = ExportLayout.Source.CONVERSATIONS_JSON;
      } else if (layout.manifest() != null && !manifest().map(m -> m.shards().isEmpty()).orElse(true)) {
        from = ExportLayout.Source.MANIFEST_SHARDS;
      } else {
        from = ExportLayout.Source.SHARDS;
      }
      ExportLayout.Era era = era(from);
      List<String> files = new ArrayList<>();
      for (String f : layout.conversations()) {
        files.add(f.startsWith(layout.prefix()) ? f.substring(layout.prefix().length()) : f);
      }
      l = new ExportLayout(container, from, files, nested, base instanceof SalvagedZipSource, era);
      exportLayout = l;
    }
    return l;
  }

  /**
   * The era the evidence shows: shards are 2026; a first conversation without {@code conversation_id}, created
   * before July 2023, whose messages have no {@code status}, is the first format; one with {@code conversation_id}
   * in a {@code conversations.json} or {@code chat.html} is the single-file era. Anything else is unknown.
   */
  private ExportLayout.Era era(ExportLayout.Source from) {
    String name = layout.conversations().isEmpty() ? "" : layout.conversations().get(0);
    name = name.substring(name.lastIndexOf('/') + 1);
    if (from == ExportLayout.Source.MANIFEST_SHARDS || from == ExportLayout.Source.SHARDS
        || from == ExportLayout.Source.JSON_FILE && name.matches("conversations-\\d+\\.json")) {
      return ExportLayout.Era.SHARDED_2026;
    }
    if (!source.rereadable()) {
      return ExportLayout.Era.UNKNOWN;
    }
    Conversation first;
    // A peek at the first conversation only: what else its pass meets (a parallel pass reads ahead) is not noted.
    ConversationCursor cursor = newPass(w -> { });
    try (Stream<Conversation> all = StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(cursor, Spliterator.ORDERED | Spliterator.NONNULL), false)
        .onClose(() -> endPass(cursor))) {
      Optional<Conversation> found = all.findFirst();
      if (found.isEmpty()) {
        return ExportLayout.Era.UNKNOWN;
      }
      first = found.get();
    } catch (ChatExportException e) {
      return ExportLayout.Era.UNKNOWN;
    }
    if (first.conversationId() == null && first.extras().isAbsent("conversation_id")) {
      boolean early = first.createTime() == null || first.createTime().isBefore(FIRST_FORMAT_ENDS);
      boolean noStatus = first.nodes().values().stream()
          .allMatch(n -> n.message() == null || n.message().extras().isAbsent("status"));
      return early && noStatus && (first.createTime() != null || !first.nodes().isEmpty())
          ? ExportLayout.Era.FIRST_FORMAT_2023 : ExportLayout.Era.UNKNOWN;
    }
    boolean singleFile = from == ExportLayout.Source.CONVERSATIONS_JSON || from == ExportLayout.Source.CHAT_HTML
        || from == ExportLayout.Source.JSON_FILE && name.equals("conversations.json");
    return singleFile ? ExportLayout.Era.SINGLE_FILE_2023_2026 : ExportLayout.Era.UNKNOWN;
  }

  /** When the first format gave way to the one with {@code conversation_id} (mid 2023, FORMAT.md §2). */
  private static final Instant FIRST_FORMAT_ENDS = Instant.parse("2023-07-01T00:00:00Z");

  /** Whether the one JSON file holds a lone conversation object rather than an array of them. */
  private boolean loneConversation() {
    String file = layout.conversations().isEmpty() ? null : layout.conversations().get(0);
    if (file == null) {
      return false;
    }
    try (InputStream in = source.open(file); JsonParser p = factory.createParser(in)) {
      return p.nextToken() == JsonToken.START_OBJECT && !"conversations".equals(p.nextFieldName());
    } catch (IOException e) {
      return false;
    }
  }

  private @Nullable String entry(String name) {
    return layout.find(source.entries(), name);
  }

  /**
   * Every file of the export, as names relative to the export's root folder ({@code user.json},
   * {@code dalle-generations/file-….webp}, …), sorted. Unsafe names and macOS metadata are not listed.
   */
  public List<String> files() {
    List<String> out = new ArrayList<>();
    for (String entry : source.entries()) {
      if (entry.startsWith(layout.prefix())) {
        out.add(entry.substring(layout.prefix().length()));
      }
    }
    return List.copyOf(out);
  }

  /**
   * Opens any file of the export by its name relative to the export's root (as {@link #files()} lists it),
   * straight from the archive. The caller closes the stream.
   *
   * @throws java.io.FileNotFoundException if the export has no such file
   * @throws IOException if it cannot be read
   */
  public InputStream openFile(String name) throws IOException {
    requireNonNull(name, "name");
    String entry = entry(name);
    if (entry == null) {
      throw new java.io.FileNotFoundException("no file " + name + " in " + source.file());
    }
    return source.open(entry);
  }

  /**
   * Reads any JSON file of the export whole, by its name relative to the export's root
   * ({@code group_chats.json}, {@code sora.json}, {@code user_settings.json}, …): nothing in the archive is out
   * of reach. Empty when there is no such file.
   *
   * @throws ChatExportException if the file is not valid JSON
   */
  public Optional<RawJson> json(String name) {
    requireNonNull(name, "name");
    String entry = entry(name);
    return entry == null ? Optional.empty() : Optional.of(files.json(entry));
  }

  /** {@code export_manifest.json} (2026 exports), if present. */
  public synchronized Optional<ExportManifest> manifest() {
    Optional<ExportManifest> m = manifest;
    if (m == null) {
      String entry = entry("export_manifest.json");
      m = entry == null ? Optional.empty() : Optional.of(files.manifest(entry));
      manifest = m;
    }
    return m;
  }

  /** The rows of {@code message_feedback.json} (both the 2023 and the 2025–26 shapes); empty if absent. */
  public List<Feedback> feedback() {
    String entry = entry("message_feedback.json");
    return entry == null ? List.of() : files.feedback(entry);
  }

  /** The rows of {@code shared_conversations.json}; empty if absent. */
  public List<SharedConversation> sharedConversations() {
    String entry = entry("shared_conversations.json");
    return entry == null ? List.of() : files.sharedConversations(entry);
  }

  /** The rows of {@code model_comparisons.json}; empty if absent. */
  public List<ModelComparison> modelComparisons() {
    String entry = entry("model_comparisons.json");
    return entry == null ? List.of() : files.modelComparisons(entry);
  }

  /** The rows of {@code library_files.json} (2026); empty if absent. */
  public List<LibraryFile> libraryFiles() {
    String entry = entry("library_files.json");
    return entry == null ? List.of() : files.libraryFiles(entry);
  }

  /**
   * {@code conversation_asset_file_names.json} (2026): asset file name ({@code file_….dat}) to the display name
   * the user knew (untrusted); empty if absent.
   */
  public Map<String, String> assetFileNames() {
    String entry = entry("conversation_asset_file_names.json");
    return entry == null ? Map.of() : files.assetFileNames(entry);
  }

  /**
   * The assets of the export (uploads, generated images, voice recordings) and the resolution of the pointers
   * messages make to them. The index is built on first use, from the file names, {@code library_files.json},
   * {@code conversation_asset_file_names.json} and chat.html's {@code assetsJson}, and the first bytes of each
   * asset (for its MIME type).
   */
  public synchronized Assets assets() {
    Assets a = assets;
    if (a == null) {
      a = new Assets(source, new AssetIndex(source, layout.prefix(), assetFileNames(), libraryFiles(),
          this::htmlAssets));
      assets = a;
    }
    return a;
  }

  private Map<String, String> htmlAssets() {
    String entry = entry("chat.html");
    if (entry == null) {
      return Map.of();
    }
    try (InputStream in = source.open(entry)) {
      String text = HtmlExportScanner.assetsJson(in, HtmlExportScanner.DEFAULT_MAX_ASSETS_BYTES);
      return text == null ? Map.of() : files.assetsJson(text, entry);
    } catch (IOException e) {
      warnings.add(new Warning(Warning.Kind.OTHER, "chat.html's assetsJson could not be read ("
          + e.getClass().getSimpleName() + ")", new Location(source.file(), source.locationEntry(entry), -1, -1,
          -1, "$", null)));
      return Map.of();
    }
  }

  /** The canvas documents under {@code textdocs/}, each read whole. */
  public List<CanvasDocument> canvasDocuments() {
    List<CanvasDocument> out = new ArrayList<>();
    for (String name : files()) {
      if (name.startsWith("textdocs/") && name.endsWith(".json")) {
        out.add(new CanvasDocument(name, files.json(layout.prefix() + name)));
      }
    }
    return List.copyOf(out);
  }

  /**
   * The problems that belong to the export rather than to one conversation, known so far (some are found only
   * during a pass).
   */
  public List<Warning> warnings() {
    synchronized (warnings) {
      return List.copyOf(warnings);
    }
  }

  /** Ends every pass and releases the export's file. Throws nothing; calling it again does nothing. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (ConversationCursor cursor : passes) {
      cursor.close();
    }
    passes.clear();
    source.close();
  }

  @Override
  public String toString() {
    return "ExportReader[" + source.file() + ", " + layout.conversations().size() + " conversation files]";
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
      return new Builder(config.with(b -> {
        b.strict = strict;
        return b;
      }));
    }

    /** The longest string accepted, in chars (default: 256 Mi). */
    public Builder maxStringLength(int chars) {
      positive(chars, "chars");
      return new Builder(config.with(b -> {
        b.maxStringLength = chars;
        return b;
      }));
    }

    /** The deepest nesting of arrays and objects accepted (default: 1,000). */
    public Builder maxNestingDepth(int depth) {
      positive(depth, "depth");
      return new Builder(config.with(b -> {
        b.maxNestingDepth = depth;
        return b;
      }));
    }

    /** The longest number accepted, in chars (default: 1,000). */
    public Builder maxNumberLength(int chars) {
      positive(chars, "chars");
      return new Builder(config.with(b -> {
        b.maxNumberLength = chars;
        return b;
      }));
    }

    /** The most nodes accepted in one conversation (default: 2,000,000). */
    public Builder maxNodesPerConversation(int nodes) {
      positive(nodes, "nodes");
      return new Builder(config.with(b -> {
        b.maxNodesPerConversation = nodes;
        return b;
      }));
    }

    /**
     * How many threads parse conversations (default: 1, the consuming thread only). With 2 or more, one thread
     * reads the conversation files in order (inflating them, from a ZIP) and cuts them at conversation boundaries
     * with a byte-level scan, and {@code threads} threads parse the pieces; the pass still delivers conversations
     * in file order, holds only a small window of them, and reports warnings and errors at their exact
     * locations. Threads are daemons, named {@code chatexport-*}, and end with the pass. A stream (see
     * {@link ExportReader#open(InputStream, String)}) is always read by one thread.
     */
    public Builder parallelism(int threads) {
      positive(threads, "threads");
      return new Builder(config.with(b -> {
        b.parallelism = threads;
        return b;
      }));
    }

    /**
     * The most a ZIP entry may inflate to, as a multiple of its compressed size (default: 100; real JSON
     * deflates 5–20×, a zip bomb about 1,000×). Entries may always inflate to 64 MiB whatever their ratio.
     */
    public Builder maxInflationRatio(long ratio) {
      ArchiveLimits limits = config.archive();
      ArchiveLimits checked = new ArchiveLimits(ratio, limits.minimumBytes(), limits.maxEntryBytes());
      return new Builder(config.with(b -> {
        b.archive = checked;
        return b;
      }));
    }

    /** The most bytes any one ZIP entry may inflate to (default: 16 GiB). */
    public Builder maxEntrySize(long bytes) {
      ArchiveLimits limits = config.archive();
      ArchiveLimits checked = new ArchiveLimits(limits.maxRatio(), Math.min(limits.minimumBytes(), bytes), bytes);
      return new Builder(config.with(b -> {
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
     * Opens an export with these settings: a ZIP file, an extracted folder, or one conversations JSON file.
     *
     * @throws IOException if the file cannot be read
     * @throws ChatExportException if it is not an export at all
     */
    public ExportReader open(Path path) throws IOException {
      requireNonNull(path, "path");
      String file = path.toString();
      if (Files.isDirectory(path)) {
        return create(new DirectorySource(path, file), false);
      }
      byte[] head = new byte[SNIFF];
      int n;
      try (InputStream in = Files.newInputStream(path)) {
        n = in.readNBytes(head, 0, SNIFF);
      }
      Kind kind = sniff(head, n);
      switch (kind) {
        case ZIP: {
          List<Warning> found = new ArrayList<>();
          return create(zip(path, file, null, found), false, found);
        }
        case JSON:
          return create(new SingleFileSource(path, file), true);
        case HTML:
          // A lone chat.html reads like a folder that holds only it.
          return create(new SingleFileSource(path, file, "chat.html"), false);
        default:
          throw notAnExport(file, kind, n);
      }
    }

    /**
     * Opens an export given as a stream with these settings; the stream stays the caller's.
     *
     * @see ExportReader#open(InputStream, String)
     */
    public ExportReader open(InputStream in, String name) throws IOException {
      requireNonNull(in, "in");
      requireNonNull(name, "name");
      BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
      buffered.mark(SNIFF);
      byte[] head = buffered.readNBytes(SNIFF);
      buffered.reset();
      Kind kind = sniff(head, head.length);
      switch (kind) {
        case ZIP: {
          Path copy = NestedSource.privateTempFile();
          try {
            Files.copy(buffered, copy, StandardCopyOption.REPLACE_EXISTING);
            List<Warning> found = new ArrayList<>();
            return create(zip(copy, name, copy, found), false, found);
          } catch (IOException | RuntimeException e) {
            TempFiles.delete(copy); // logged if it fails: the failure to report is e
            throw e;
          }
        }
        case JSON:
          return create(new StreamSource(buffered, name), true);
        default:
          throw notAnExport(name, kind, head.length);
      }
    }

    /**
     * A ZIP read in place through its central directory; or, when that is missing or damaged (an interrupted
     * download), salvaged from its local headers, with warnings that say so.
     */
    private ExportSource zip(Path path, String file, @Nullable Path deleteOnClose, List<Warning> warnings)
        throws IOException {
      try {
        return new ZipSource(path, file, deleteOnClose, config.archive());
      } catch (ZipException e) {
        return new SalvagedZipSource(path, file, config.archive(), warnings::add, deleteOnClose);
      }
    }

    private ExportReader create(ExportSource source, boolean singleFile) throws IOException {
      return create(source, singleFile, List.of());
    }

    private ExportReader create(ExportSource source, boolean singleFile, List<Warning> sourceWarnings)
        throws IOException {
      try {
        JsonFactory factory = Json.factory(config);
        List<Warning> layoutWarnings = new ArrayList<>(sourceWarnings);
        Layout layout = layout(source, singleFile, factory, layoutWarnings);
        if (layout.conversations().isEmpty() && !singleFile) {
          List<String> inner = NestedSource.innerArchives(source);
          if (!inner.isEmpty()) {
            ExportSource nested = NestedSource.open(source, inner, config.archive());
            source = nested;
            layoutWarnings.clear();
            layoutWarnings.addAll(sourceWarnings);
            layout = layout(nested, false, factory, layoutWarnings);
          }
        }
        if (layout.conversations().isEmpty()) {
          List<String> entries = source.entries();
          throw new ChatExportException("not a ChatGPT export: no conversations.json, conversations-NNN.json or"
              + " chat.html among " + entries.size() + " files" + (entries.isEmpty() ? "" : " (for example "
              + String.join(", ", entries.subList(0, Math.min(5, entries.size()))) + ")"),
              new Location(source.file(), null, -1, -1, -1, "$", null), null);
        }
        return new ExportReader(source, layout, config, factory, layoutWarnings);
      } catch (IOException | RuntimeException e) {
        source.close();
        throw e;
      }
    }

    private Layout layout(ExportSource source, boolean singleFile, JsonFactory factory, List<Warning> warnings) {
      AuxiliaryFiles files = new AuxiliaryFiles(source, config, factory, warnings::add);
      return Layout.of(source.entries(), singleFile, source.file(), files::manifest, source::size, warnings::add);
    }

    private enum Kind { ZIP, JSON, HTML, EMPTY, OTHER }

    private static Kind sniff(byte[] head, int n) {
      if (n >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5 || head[2] == 7)) {
        return Kind.ZIP;
      }
      int i = 0;
      if (n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
        i = 3;
      }
      while (i < n && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) {
        i++;
      }
      if (i >= n) {
        return n == 0 ? Kind.EMPTY : Kind.JSON;
      }
      if (head[i] == '[' || head[i] == '{' || head[i] == '"') {
        return Kind.JSON;
      }
      if (head[i] == '<') {
        return Kind.HTML;
      }
      return Kind.OTHER;
    }

    private static ChatExportException notAnExport(String file, Kind kind, int n) {
      String found = switch (kind) {
        case HTML -> "an HTML page (a chat.html is read from a file, a folder or a ZIP, not from a stream)";
        case EMPTY -> "an empty file";
        default -> "a file that is neither a ZIP archive nor JSON (" + n + " bytes inspected)";
      };
      return new ChatExportException("not a ChatGPT export: found " + found,
          kind == Kind.EMPTY ? new Location(file, null, 1, 1, 0, "$", null)
              : new Location(file, null, -1, -1, 0, "$", null), null);
    }

    @Override
    public String toString() {
      return "ExportReader.Builder" + config;
    }
  }
}
