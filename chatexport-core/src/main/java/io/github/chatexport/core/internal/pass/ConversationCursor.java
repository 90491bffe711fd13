package io.github.chatexport.core.internal.pass;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Location;
import io.github.chatexport.api.Warning;
import io.github.chatexport.core.ChatExportException;
import io.github.chatexport.core.SourceListener;
import io.github.chatexport.core.internal.config.ReaderConfig;
import io.github.chatexport.core.internal.parse.ConversationFile;
import io.github.chatexport.core.internal.source.ExportSource;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One pass over the conversations of an export: the conversation files in order, each a JSON array
 * read one conversation at a time. What every pass does is here: delivery, progress, the duplicate
 * check, the damage policy and the warning for an export without conversations; how the
 * conversations are read is the subclass's ({@link #serial} here, the parallel pass in {@code
 * internal.parallel}). Not thread-safe.
 */
public abstract class ConversationCursor implements Iterator<Conversation>, AutoCloseable {
  /** The export read. */
  protected final ExportSource source;

  /** The conversation files, in reading order. */
  protected final List<String> files;

  /** What the files' bytes pass through (chat.html's), or null. */
  protected final ConversationFile.@Nullable Filter filter;

  /** The settings. */
  protected final ReaderConfig config;

  /** The factory of parsers. */
  protected final JsonFactory factory;

  /** Who hears the warnings that belong to the export rather than to a conversation. */
  protected final Consumer<Warning> exportWarnings;

  private final Duplicates duplicates;
  private final DamagePolicy damage;
  private @Nullable Conversation next;
  private boolean closed;

  /** The bytes of the conversation files read so far (uncompressed, before chat.html's filter). */
  protected long bytesRead;

  private long delivered;
  private @Nullable Progress progress;

  /** Hears the progress of the pass. */
  @FunctionalInterface
  public interface Progress {
    /** After each conversation and at the end. */
    void progress(long conversations, long bytesRead);
  }

  /** A pass over {@code files} of {@code source}. */
  protected ConversationCursor(
      ExportSource source,
      List<String> files,
      ConversationFile.@Nullable Filter filter,
      ReaderConfig config,
      JsonFactory factory,
      Consumer<Warning> exportWarnings) {
    this.source = source;
    this.files = files;
    this.filter = filter;
    this.config = config;
    this.factory = factory;
    this.exportWarnings = exportWarnings;
    this.duplicates = new Duplicates(source, config.strict());
    this.damage = new DamagePolicy(config.strict());
  }

  /** A pass that reads the files one after the other on the caller's thread. */
  public static ConversationCursor serial(
      ExportSource source,
      List<String> files,
      ConversationFile.@Nullable Filter filter,
      ReaderConfig config,
      JsonFactory factory,
      Consumer<Warning> exportWarnings) {
    return new SerialPass(source, files, filter, config, factory, exportWarnings);
  }

  /**
   * Who hears the bytes each conversation was read from, or null: told by a pass that reads one
   * conversation at a time ({@link #serial}).
   */
  protected @Nullable SourceListener sources;

  /** Sets who hears the bytes each conversation was read from (a serial pass tells it). */
  public final void onSources(SourceListener sources) {
    this.sources = sources;
  }

  /** Sets who hears the progress of this pass. */
  public final void onProgress(Progress progress) {
    this.progress = progress;
  }

  @Override
  public final boolean hasNext() {
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
      if (duplicates.count() == 0 && !closed) {
        String first = files.isEmpty() ? null : files.get(0);
        exportWarnings.accept(
            new Warning(
                Warning.Kind.EMPTY_EXPORT,
                "the export holds no conversations at all: its conversation files are empty",
                new Location(
                    source.file(),
                    first == null ? null : source.locationEntry(first),
                    -1,
                    -1,
                    -1,
                    "$",
                    null)));
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
  public final Conversation next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Conversation c = requireNonNull(next, "hasNext() found one");
    next = null;
    delivered++;
    if (progress != null) {
      progress.progress(delivered, bytesRead);
    }
    return c;
  }

  /**
   * The next conversation, checked for duplicates, or null at the end of the pass (after {@link
   * #throwDamage}).
   */
  protected abstract @Nullable Conversation advance();

  /** Closes what the pass has open. */
  protected abstract void release();

  /** Notes that the conversations of {@code file} come next. */
  protected final void startFile(String file) {
    duplicates.startFile(file);
  }

  /** The file whose conversations come now, or null before the first. */
  protected final @Nullable String currentFile() {
    return duplicates.currentFile();
  }

  /**
   * {@code c}, with a warning when its id was met before in this pass (an error in strict mode).
   */
  protected final Conversation checkDuplicate(Conversation c) {
    return duplicates.check(c);
  }

  /**
   * Notes damage to one file, which the caller has closed: in strict mode it is thrown now;
   * otherwise the other files are still read and the first damage is thrown at the end of the pass,
   * the others suppressed.
   */
  protected final void noteDamage(ChatExportException e) {
    damage.note(e);
  }

  /** At the end of the pass: throws the first damage noted, if any. */
  protected final void throwDamage() {
    damage.throwFirst();
  }

  @Override
  public final void close() {
    closed = true;
    release();
  }

  /** Whether this pass is over. */
  final boolean isClosed() {
    return closed;
  }
}
