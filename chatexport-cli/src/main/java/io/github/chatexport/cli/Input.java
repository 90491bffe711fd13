package io.github.chatexport.cli;

import io.github.chatexport.archive.ChatArchive;
import io.github.chatexport.archive.ConversationFacts;
import io.github.chatexport.core.ExportReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * What a reading command reads: an export, or a chatexport archive (an SQLite file, known by its
 * 16-byte header {@code SQLite format 3\0}), whose merged view it reads as an export. For an
 * archive it also gives, per conversation, what the archive knows beyond the export: first and last
 * seen, deleted.
 *
 * <p>The merged view is written to a private temporary export folder (without asset files unless
 * asked for), deleted on {@link #close()}; every command then reads it with the same {@link
 * ExportReader} code as a plain export.
 */
final class Input implements AutoCloseable {
  /**
   * What an archive knows of one conversation: the exports (by file name, and by their own date
   * where they have one) that first and last had it, and whether it is gone from the account since
   * a later export.
   */
  record Facts(
      String firstSeen,
      String lastSeen,
      boolean deleted,
      @Nullable String deletedSince,
      @Nullable Instant firstSeenTime,
      @Nullable Instant lastSeenTime) {}

  private static final System.Logger LOG = System.getLogger("io.github.chatexport.cli");

  private final ExportReader reader;
  private final Map<String, Facts> facts;
  private final @Nullable Path temporary;

  private Input(ExportReader reader, Map<String, Facts> facts, @Nullable Path temporary) {
    this.reader = reader;
    this.facts = facts;
    this.temporary = temporary;
  }

  /**
   * Opens {@code path}: an export as {@link ExportReader} opens it, or an archive's merged view.
   *
   * @param threads the reader's parallelism
   * @param assets whether an archive's asset files are needed (they are copied out of it)
   */
  static Input open(Path path, int threads, boolean assets) throws IOException {
    if (!ChatArchive.isArchive(path)) {
      return new Input(ExportReader.builder().parallelism(threads).open(path), Map.of(), null);
    }
    Path temporary = Files.createTempDirectory("chatexport-archive-view");
    try {
      Map<String, Facts> facts = new HashMap<>();
      Path merged = temporary.resolve(archiveName(path));
      try (ChatArchive archive = ChatArchive.open(path)) {
        archive.export(merged, assets);
        try (Stream<io.github.chatexport.api.Conversation> all = archive.conversations()) {
          all.forEach(c -> archive.facts(c.id()).ifPresent(f -> facts.put(c.id(), facts(f))));
        }
      }
      return new Input(
          ExportReader.builder().parallelism(threads).open(merged), Map.copyOf(facts), temporary);
    } catch (IOException | RuntimeException e) {
      delete(temporary);
      throw e;
    }
  }

  private static String archiveName(Path path) {
    Path name = path.getFileName();
    return name == null ? "archive" : name.toString();
  }

  private static Facts facts(ConversationFacts f) {
    return new Facts(
        f.firstSeen().fileName(),
        f.lastSeen().fileName(),
        f.deleted(),
        f.deletedSince() == null ? null : f.deletedSince().fileName(),
        f.firstSeen().exportTime(),
        f.lastSeen().exportTime());
  }

  /** The export, or the archive's merged view as an export. */
  ExportReader reader() {
    return reader;
  }

  /** Whether the input is an archive. */
  boolean isArchive() {
    return temporary != null;
  }

  /** What the archive knows of a conversation; empty for a plain export. */
  Optional<Facts> facts(String conversationId) {
    return Optional.ofNullable(facts.get(conversationId));
  }

  @Override
  public void close() {
    reader.close();
    if (temporary != null) {
      delete(temporary);
    }
  }

  /**
   * Deletes the temporary folder of an archive's merged view; throws nothing. What cannot be
   * deleted (it holds a copy of the archive's conversations) is logged through {@link
   * System.Logger} at {@code WARNING}.
   */
  static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException | RuntimeException e) {
                  LOG.log(
                      System.Logger.Level.WARNING,
                      () -> "could not delete the temporary " + p + ": " + e);
                }
              });
    } catch (IOException | RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          () -> "could not delete the temporary folder " + dir + ": " + e);
    }
  }
}
