package io.github.chatexport.archive;

import static java.util.Objects.requireNonNull;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.archive.internal.search.Indexer;
import io.github.chatexport.archive.internal.search.SearchTables;
import io.github.chatexport.core.ExportReader;
import io.github.chatexport.core.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Iterator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;

/**
 * A full-text index in a SQLite file: built from a plain export with {@link #build}, or opened with
 * {@link #open} (an index built earlier, or an archive, which keeps the same {@code search_*}
 * tables current).
 *
 * <pre>{@code
 * try (ExportReader export = ExportReader.open(path);
 *      SearchIndex index = SearchIndex.build(indexFile, export, null);
 *      Stream<SearchHit> hits = index.search(SearchQuery.parse("lisbon tram"))) {
 *   hits.forEach(h -> System.out.println(h.title() + ": " + h.snippet()));
 * }
 * }</pre>
 *
 * <p>Every message of every branch is indexed (an answer regenerated away is found too), with
 * titles, code, execution output, canvas documents, voice transcripts and the names of attached
 * files. An index is not thread-safe: use one per thread.
 */
public final class SearchIndex implements AutoCloseable {
  private static final byte[] SQLITE_HEADER =
      "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final Connection connection;
  private boolean closed;

  private SearchIndex(Connection connection) {
    this.connection = connection;
  }

  /**
   * Indexes every conversation of {@code export} into a new SQLite file and opens it. When a
   * conversation id comes twice, the later copy is what is indexed.
   *
   * @param indexFile where to write; must not exist, or be empty (such as a fresh temporary file)
   * @param progress told after each conversation, or null
   * @throws FileAlreadyExistsException when {@code indexFile} exists and is not empty
   * @throws IOException when the file cannot be written (nothing is left behind)
   * @throws io.github.chatexport.core.ChatExportException when the export is damaged (nothing is
   *     left behind)
   */
  public static SearchIndex build(
      Path indexFile, ExportReader export, @Nullable ProgressListener progress) throws IOException {
    requireNonNull(indexFile, "indexFile");
    requireNonNull(export, "export");
    if (Files.exists(indexFile) && Files.size(indexFile) > 0) {
      throw new FileAlreadyExistsException(
          indexFile.toString(), null, "is not empty; an index is built afresh");
    }
    Connection connection = connect(indexFile, false);
    boolean done = false;
    try {
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA journal_mode = OFF");
        s.execute("PRAGMA synchronous = OFF");
        s.execute(
            "PRAGMA cache_size = -65536"); // 64 MiB: FTS5 merges its segments in the page cache
      }
      SearchTables.createTables(connection);
      connection.setAutoCommit(false);
      SearchTables.suspendFullText(connection);
      try (Indexer indexer = new Indexer(connection);
          Stream<Conversation> all = export.conversations(progress)) {
        for (Iterator<Conversation> it = all.iterator(); it.hasNext(); ) {
          indexer.update(it.next(), false);
        }
      }
      // No 'optimize' after the rebuild: merging the ten or so segments it leaves into one rewrote
      // both tables once more (5.6 s of a build on the 200 MB export) for query times that were
      // the same within the machine's noise.
      SearchTables.rebuildFullText(connection);
      connection.commit();
      connection.setAutoCommit(true);
      done = true;
      return new SearchIndex(connection);
    } catch (SQLException e) {
      throw new IOException("cannot write the index " + indexFile + ": " + e.getMessage(), e);
    } finally {
      if (!done) {
        try {
          connection.close();
        } catch (SQLException ignored) {
          // the file is deleted below anyway
        }
        ChatArchive.deleteTemporary(
            indexFile); // logged if it fails: the failure to report is the build's
      }
    }
  }

  /**
   * Opens an index or an archive for searching, read-only.
   *
   * @throws NoSuchFileException when there is no such file
   * @throws IOException when it is not a SQLite file, or has no search tables (the message says
   *     which)
   */
  public static SearchIndex open(Path sqliteFile) throws IOException {
    requireNonNull(sqliteFile, "sqliteFile");
    if (!isSqlite(sqliteFile)) {
      if (!Files.exists(sqliteFile)) {
        throw new NoSuchFileException(sqliteFile.toString());
      }
      throw new IOException(sqliteFile + " is not a SQLite file (an archive or a search index)");
    }
    Connection connection = connect(sqliteFile, true);
    try {
      if (!SearchTables.hasTables(connection)) {
        connection.close();
        throw new IOException(
            sqliteFile
                + " is a SQLite file without search tables: not a chatexport archive or"
                + " search index");
      }
      return new SearchIndex(connection);
    } catch (SQLException e) {
      try {
        connection.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new IOException("cannot read " + sqliteFile + ": " + e.getMessage(), e);
    }
  }

  /** Whether the file starts with the 16 bytes of a SQLite database's header. */
  public static boolean isSqlite(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    byte[] head = new byte[SQLITE_HEADER.length];
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(head, 0, head.length) == head.length
          && Arrays.equals(head, SQLITE_HEADER);
    }
  }

  /**
   * The hits of a query, lazily, grouped by conversation: the conversation of the best hit first,
   * and within a conversation the best hits first. Close the stream (try-with-resources) to free
   * its statements.
   *
   * @throws UncheckedIOException when the file cannot be read
   */
  public Stream<SearchHit> search(SearchQuery query) {
    requireNonNull(query, "query");
    if (closed) {
      throw new IllegalStateException("the index is closed");
    }
    try {
      return SearchTables.search(connection, query);
    } catch (SQLException e) {
      throw new UncheckedIOException(new IOException("search failed: " + e.getMessage(), e));
    }
  }

  /** Closes the file; idempotent, throws nothing. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        connection.close();
      } catch (SQLException ignored) {
        // nothing was written since the last commit
      }
    }
  }

  private static Connection connect(Path file, boolean readOnly) throws IOException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(readOnly);
    try {
      return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    } catch (SQLException e) {
      throw new IOException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }
}
