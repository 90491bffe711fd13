package io.github.chatexport.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.chatexport.api.Account;
import io.github.chatexport.api.CanvasDocument;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.ExportManifest;
import io.github.chatexport.api.Feedback;
import io.github.chatexport.api.LibraryFile;
import io.github.chatexport.api.Location;
import io.github.chatexport.api.ModelComparison;
import io.github.chatexport.api.RawJson;
import io.github.chatexport.api.SharedConversation;
import io.github.chatexport.api.Warning;
import io.github.chatexport.core.ChatExportException;
import io.github.chatexport.core.ExportLayout;
import io.github.chatexport.core.internal.assets.AssetIndex;
import io.github.chatexport.core.internal.config.ReaderConfig;
import io.github.chatexport.core.internal.html.HtmlExportScanner;
import io.github.chatexport.core.internal.parallel.ParallelPass;
import io.github.chatexport.core.internal.parse.AuxiliaryFiles;
import io.github.chatexport.core.internal.parse.ConversationFile;
import io.github.chatexport.core.internal.pass.ConversationCursor;
import io.github.chatexport.core.internal.source.ExportSource;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * An opened export, what {@code ExportReader} reads through: its source, its layout, the settings,
 * the factory of parsers, the export's warnings, the passes running, and what is read once
 * (account, manifest, layout). {@link Opener} makes one. Every method is one of {@code
 * ExportReader}'s, documented there.
 */
public final class OpenExport {
  private final ExportSource source;
  private final Layout layout;
  private final ReaderConfig config;
  private final JsonFactory factory;
  private final List<Warning> warnings = Collections.synchronizedList(new ArrayList<>());

  /** The export warnings that passes have noted, to keep each once. */
  private final Set<Warning> passWarnings = new HashSet<>();

  private final Set<ConversationCursor> passes = ConcurrentHashMap.newKeySet();
  private final AuxiliaryFiles files;

  @SuppressWarnings("NullableOptional") // null: not read yet; empty: the export has none
  private @Nullable Optional<Account> account;

  @SuppressWarnings("NullableOptional") // null: not read yet; empty: the export has none
  private @Nullable Optional<ExportManifest> manifest;

  private @Nullable ExportLayout exportLayout;
  private volatile boolean closed;

  OpenExport(
      ExportSource source,
      Layout layout,
      ReaderConfig config,
      JsonFactory factory,
      List<Warning> layoutWarnings) {
    this.source = source;
    this.layout = layout;
    this.config = config;
    this.factory = factory;
    this.warnings.addAll(layoutWarnings);
    this.files = new AuxiliaryFiles(source, config, factory, warnings::add);
  }

  /**
   * A new pass over the conversations, ended by {@link #endPass} or by {@link #close}; on one
   * thread when {@code serial}, else as the parallelism says.
   */
  public ConversationCursor newPass(boolean serial) {
    return newPass(this::passWarning, serial);
  }

  /**
   * Notes an export warning met by a pass over the conversations: every pass meets the same ones (a
   * skipped element of the array, say), and each is kept once.
   */
  private void passWarning(Warning w) {
    synchronized (warnings) {
      if (passWarnings.add(w)) {
        warnings.add(w);
      }
    }
  }

  private ConversationCursor newPass(Consumer<Warning> exportWarnings, boolean serial) {
    if (closed) {
      throw new IllegalStateException("the reader is closed");
    }
    ConversationFile.@Nullable Filter filter = layout.html() ? HtmlExportScanner::jsonData : null;
    ConversationCursor cursor =
        !serial && config.parallelism() > 1 && source.rereadable()
            ? new ParallelPass(
                source, layout.conversations(), filter, config, factory, exportWarnings)
            : ConversationCursor.serial(
                source, layout.conversations(), filter, config, factory, exportWarnings);
    passes.add(cursor);
    return cursor;
  }

  /** Ends a pass. */
  public void endPass(ConversationCursor cursor) {
    cursor.close();
    passes.remove(cursor);
  }

  /** Forgets a pass that has ended by itself. */
  public void passEnded(ConversationCursor cursor) {
    passes.remove(cursor);
  }

  /** The account, from {@code user.json}; read once. */
  public synchronized Optional<Account> account() {
    Optional<Account> a = account;
    if (a == null) {
      String entry = entry("user.json");
      a = entry == null ? Optional.empty() : Optional.of(files.account(entry));
      account = a;
    }
    return a;
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

  /** How the export is laid out; found once. */
  public synchronized ExportLayout layout() {
    ExportLayout l = exportLayout;
    if (l == null) {
      ExportSource.Kind kind = source.kind();
      boolean nested = kind == ExportSource.Kind.NESTED_ZIP;
      ExportLayout.Container container =
          kind == ExportSource.Kind.STREAM
              ? ExportLayout.Container.STREAM
              : kind == ExportSource.Kind.SINGLE_FILE
                  ? layout.html()
                      ? ExportLayout.Container.HTML_FILE
                      : ExportLayout.Container.JSON_FILE
                  : kind == ExportSource.Kind.DIRECTORY
                      ? ExportLayout.Container.FOLDER
                      : ExportLayout.Container.ZIP;
      ExportLayout.Source from;
      if (container == ExportLayout.Container.STREAM
          || container == ExportLayout.Container.JSON_FILE) {
        from =
            source.rereadable() && loneConversation()
                ? ExportLayout.Source.SINGLE_CONVERSATION
                : ExportLayout.Source.JSON_FILE;
      } else if (layout.html()) {
        from = ExportLayout.Source.CHAT_HTML;
      } else if (layout.conversations().size() == 1
          && layout.conversations().get(0).endsWith("conversations.json")) {
        from = ExportLayout.Source.CONVERSATIONS_JSON;
      } else if (layout.manifest() != null
          && !manifest().map(m -> m.shards().isEmpty()).orElse(true)) {
        from = ExportLayout.Source.MANIFEST_SHARDS;
      } else {
        from = ExportLayout.Source.SHARDS;
      }
      ExportLayout.Era era = era(from);
      List<String> files = new ArrayList<>();
      for (String f : layout.conversations()) {
        files.add(f.startsWith(layout.prefix()) ? f.substring(layout.prefix().length()) : f);
      }
      l =
          new ExportLayout(
              container, from, files, nested, kind == ExportSource.Kind.SALVAGED_ZIP, era);
      exportLayout = l;
    }
    return l;
  }

  /**
   * The era the evidence shows: shards are 2026; a first conversation without {@code
   * conversation_id}, created before July 2023, whose messages have no {@code status}, is the first
   * format; one with {@code conversation_id} in a {@code conversations.json} or {@code chat.html}
   * is the single-file era. Anything else is unknown.
   */
  private ExportLayout.Era era(ExportLayout.Source from) {
    String name = layout.conversations().isEmpty() ? "" : layout.conversations().get(0);
    name = name.substring(name.lastIndexOf('/') + 1);
    if (from == ExportLayout.Source.MANIFEST_SHARDS
        || from == ExportLayout.Source.SHARDS
        || from == ExportLayout.Source.JSON_FILE && name.matches("conversations-\\d+\\.json")) {
      return ExportLayout.Era.SHARDED_2026;
    }
    if (!source.rereadable()) {
      return ExportLayout.Era.UNKNOWN;
    }
    Conversation first;
    // A peek at the first conversation only: what else its pass meets (a parallel pass reads ahead)
    // is not noted.
    ConversationCursor cursor = newPass(w -> {}, false);
    try (Stream<Conversation> all =
        StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(
                    cursor, Spliterator.ORDERED | Spliterator.NONNULL),
                false)
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
      boolean noStatus =
          first.nodes().values().stream()
              .allMatch(n -> n.message() == null || n.message().extras().isAbsent("status"));
      return early && noStatus && (first.createTime() != null || !first.nodes().isEmpty())
          ? ExportLayout.Era.FIRST_FORMAT_2023
          : ExportLayout.Era.UNKNOWN;
    }
    boolean singleFile =
        from == ExportLayout.Source.CONVERSATIONS_JSON
            || from == ExportLayout.Source.CHAT_HTML
            || from == ExportLayout.Source.JSON_FILE && name.equals("conversations.json");
    return singleFile ? ExportLayout.Era.SINGLE_FILE_2023_2026 : ExportLayout.Era.UNKNOWN;
  }

  /**
   * When the first format gave way to the one with {@code conversation_id} (mid 2023, FORMAT.md
   * §2).
   */
  private static final Instant FIRST_FORMAT_ENDS = Instant.parse("2023-07-01T00:00:00Z");

  /** Whether the one JSON file holds a lone conversation object rather than an array of them. */
  private boolean loneConversation() {
    String file = layout.conversations().isEmpty() ? null : layout.conversations().get(0);
    if (file == null) {
      return false;
    }
    try (InputStream in = source.open(file);
        JsonParser p = factory.createParser(in)) {
      return p.nextToken() == JsonToken.START_OBJECT && !"conversations".equals(p.nextFieldName());
    } catch (IOException e) {
      return false;
    }
  }

  private @Nullable String entry(String name) {
    return layout.find(source.entries(), name);
  }

  /** Every file of the export, relative to its root folder, sorted. */
  public List<String> files() {
    List<String> out = new ArrayList<>();
    for (String entry : source.entries()) {
      if (entry.startsWith(layout.prefix())) {
        out.add(entry.substring(layout.prefix().length()));
      }
    }
    return List.copyOf(out);
  }

  /** Opens a file of the export by its name relative to the export's root. */
  public InputStream openFile(String name) throws IOException {
    String entry = entry(name);
    if (entry == null) {
      throw new java.io.FileNotFoundException("no file " + name + " in " + source.file());
    }
    return source.open(entry);
  }

  /** The stamp of a file of the export (see {@code ExportReader.fileStamp}), or null. */
  public @Nullable String fileStamp(String name) {
    String entry = entry(name);
    return entry == null ? null : source.stamp(entry);
  }

  /** A JSON file of the export, read whole, by its name relative to the export's root. */
  public Optional<RawJson> json(String name) {
    String entry = entry(name);
    return entry == null ? Optional.empty() : Optional.of(files.json(entry));
  }

  /** {@code export_manifest.json}, if present; read once. */
  public synchronized Optional<ExportManifest> manifest() {
    Optional<ExportManifest> m = manifest;
    if (m == null) {
      String entry = entry("export_manifest.json");
      m = entry == null ? Optional.empty() : Optional.of(files.manifest(entry));
      manifest = m;
    }
    return m;
  }

  /** The rows of {@code message_feedback.json}. */
  public List<Feedback> feedback() {
    String entry = entry("message_feedback.json");
    return entry == null ? List.of() : files.feedback(entry);
  }

  /** The rows of {@code shared_conversations.json}. */
  public List<SharedConversation> sharedConversations() {
    String entry = entry("shared_conversations.json");
    return entry == null ? List.of() : files.sharedConversations(entry);
  }

  /** The rows of {@code model_comparisons.json}. */
  public List<ModelComparison> modelComparisons() {
    String entry = entry("model_comparisons.json");
    return entry == null ? List.of() : files.modelComparisons(entry);
  }

  /** The rows of {@code library_files.json}. */
  public List<LibraryFile> libraryFiles() {
    String entry = entry("library_files.json");
    return entry == null ? List.of() : files.libraryFiles(entry);
  }

  /** {@code conversation_asset_file_names.json}: asset file name to display name. */
  public Map<String, String> assetFileNames() {
    String entry = entry("conversation_asset_file_names.json");
    return entry == null ? Map.of() : files.assetFileNames(entry);
  }

  /** A new index of the export's assets. */
  public AssetIndex assetIndex() {
    return new AssetIndex(
        source, layout.prefix(), assetFileNames(), libraryFiles(), this::htmlAssets);
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
      warnings.add(
          new Warning(
              Warning.Kind.OTHER,
              "chat.html's assetsJson could not be read (" + e.getClass().getSimpleName() + ")",
              new Location(source.file(), source.locationEntry(entry), -1, -1, -1, "$", null)));
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

  /** The export's warnings known so far. */
  public List<Warning> warnings() {
    synchronized (warnings) {
      return List.copyOf(warnings);
    }
  }

  /** Ends every pass and releases the export's file; throws nothing; idempotent. */
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
    return source.file() + ", " + layout.conversations().size() + " conversation files";
  }
}
