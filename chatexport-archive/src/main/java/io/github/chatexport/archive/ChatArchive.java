package io.github.chatexport.archive;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.chatexport.api.Account;
import io.github.chatexport.api.Asset;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.RawJson;
import io.github.chatexport.archive.internal.AloneParser;
import io.github.chatexport.archive.internal.Blobs;
import io.github.chatexport.archive.internal.Futures;
import io.github.chatexport.archive.internal.HashedConversations;
import io.github.chatexport.archive.internal.JsonArrayInput;
import io.github.chatexport.archive.internal.JsonParts;
import io.github.chatexport.archive.internal.Merge;
import io.github.chatexport.archive.internal.ObjectScanner;
import io.github.chatexport.archive.internal.Schema;
import io.github.chatexport.archive.internal.Sha;
import io.github.chatexport.archive.internal.search.Indexer;
import io.github.chatexport.archive.internal.search.PendingFullText;
import io.github.chatexport.archive.internal.search.SearchTables;
import io.github.chatexport.core.ChatExportException;
import io.github.chatexport.core.ExportLayout;
import io.github.chatexport.core.ExportReader;
import io.github.chatexport.core.ExportWriter;
import io.github.chatexport.core.ProgressListener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;

/**
 * Many exports of one account merged into one SQLite file that only grows.
 *
 * <pre>{@code
 * try (ChatArchive archive = ChatArchive.open(Path.of("chats.sqlite"))) {
 *   ImportReport report = archive.add(Path.of("chatgpt-export-2026-12.zip"));
 *   System.out.println(report.newConversations() + " new, " + report.deleted() + " deleted since");
 *   try (Stream<Conversation> all = archive.conversations()) {
 *     all.forEach(c -> System.out.println(c.title()));
 *   }
 * }
 * }</pre>
 *
 * <p>Every distinct version of every conversation is kept, cut into nodes stored once each; every
 * other file of every export is kept once by its SHA-256. The merged view of a conversation holds
 * every node ever seen; where versions disagree, the one from the newest export wins, "newest" by
 * the exports' own dates (never by the order of adding). A conversation that a newer complete
 * export lacks is marked deleted, and kept.
 *
 * <p>Every {@link #add} is one transaction: a process killed during it leaves the archive as it was
 * before. An archive is not thread-safe; two processes adding at once wait for each other.
 */
public final class ChatArchive implements AutoCloseable {
  /** The extra file of a merged export: the archive's exports and each conversation's facts. */
  public static final String FACTS_FILE = "chatexport_archive.json";

  /**
   * The version of {@link #FACTS_FILE}'s shape (its {@code "version"}), which is not the archive's
   * schema version: the file changes only when its keys do.
   */
  public static final int FACTS_VERSION = 1;

  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final System.Logger LOG = System.getLogger("io.github.chatexport.archive");
  private static final int SHARD = 100;

  /**
   * The characters of JSON of the versions an add holds for its merges (about 8 MB of text; the
   * records take a few times that).
   */
  private static final long HOLD = 8L << 20;

  /** The SHA-256 of an export being added while it is computed; replaced before the add commits. */
  private static final String PENDING_SHA = "pending";

  /**
   * How many bytes of conversations not recognised {@link #readRecognised} keeps as read: {@link
   * #HOLD}, less in tests of what it does past that.
   */
  static long scanKept = HOLD;

  /** The largest conversation that {@link #readRecognised} scans (the reader hashes no larger). */
  private static final int SCANNED_LIMIT = 64 << 20;

  /** How many objects {@link #readRecognised} has parsed on other threads ahead of its own. */
  private static final int PARSED_AHEAD = 8;

  private final Path path;
  private final Connection connection;

  /** Prepared statements of the hot paths, kept for the archive's life. */
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  /**
   * The search index's statements, prepared at the first change and kept for the archive's life.
   */
  private @Nullable Indexer indexer;

  /**
   * During an add: the texts written into {@code search_texts} with the FTS5 tables' insert trigger
   * suspended, not yet written into those tables, and the conversations indexed since they last
   * were. An add writes them in one statement per table before it commits: a statement per row
   * makes FTS5 write a segment per row and merge them again and again. Null outside an add.
   */
  private @Nullable PendingFullText unindexedFullText;

  private boolean closed;

  private ChatArchive(Path path, Connection connection) {
    this.path = path;
    this.connection = connection;
  }

  /**
   * Opens the archive at {@code path}, creating it when there is no such file, and brings an older
   * schema forward.
   *
   * @throws IOException if the file cannot be opened
   * @throws ArchiveException if it is not an archive, or one written by a newer version
   */
  public static ChatArchive open(Path path) throws IOException {
    requireNonNull(path, "path");
    if (Files.exists(path) && !isArchive(path)) {
      throw new ArchiveException(
          ArchiveException.Reason.NOT_AN_ARCHIVE,
          path + " is not a chatexport archive (not an SQLite file)",
          null);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(60_000);
    // WAL: pages an add spills before its commit go to the log without a sync each time; the commit
    // syncs.
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setCacheSize(-32 * 1024);
    Connection connection;
    try {
      connection =
          DriverManager.getConnection(
              "jdbc:sqlite:" + path.toAbsolutePath(), config.toProperties());
    } catch (SQLException e) {
      throw new IOException("the archive " + path + " cannot be opened: " + e.getMessage(), e);
    }
    try {
      connection.setAutoCommit(false);
      try {
        if (Schema.migrate(connection)) {
          createSearchTables(connection);
        }
        connection.commit();
      } catch (IllegalStateException e) {
        connection.rollback();
        throw new ArchiveException(
            ArchiveException.Reason.NOT_AN_ARCHIVE, path + ": " + e.getMessage(), e);
      }
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new IOException("the archive " + path + " cannot be opened: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
    return new ChatArchive(path, connection);
  }

  /**
   * Whether {@code path} is a file that starts with SQLite's header ({@code SQLite format 3\0}).
   */
  public static boolean isArchive(Path path) {
    requireNonNull(path, "path");
    if (!Files.isRegularFile(path)) {
      return false;
    }
    byte[] expected = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    try (InputStream in = Files.newInputStream(path)) {
      return Arrays.equals(in.readNBytes(expected.length), expected);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Creates the full-text search tables (all named {@code search_*}, part of schema version 1) in a
   * new archive, in the transaction that creates the schema.
   */
  private static void createSearchTables(Connection connection) throws SQLException {
    SearchTables.createTables(connection);
  }

  /**
   * Tells the search index that the merged view of a conversation changed (new, changed, marked
   * deleted, mark ended): what is indexed for it becomes the merged view's, only the texts that
   * differ written (see {@link Indexer#update(Conversation, boolean, PendingFullText)}). Called
   * inside the transaction of {@link #add}, on its connection, so that the index is always the
   * merged view's.
   */
  private void indexChanged(Connection connection, Conversation merged, boolean deleted)
      throws SQLException {
    PendingFullText pending = unindexedFullText;
    if (pending != null && !pending.add(merged.id())) {
      // indexed once already in this add, its texts not yet in the FTS5 tables: put them there
      // first, so that the texts the re-index keeps are there and the trigger that deletes the
      // others from those tables finds what it deletes
      SearchTables.catchUpFullText(connection, pending);
      pending.add(merged.id());
    }
    indexer().update(merged, deleted, pending);
  }

  private Indexer indexer() throws SQLException {
    Indexer i = indexer;
    if (i == null) {
      i = new Indexer(connection);
      indexer = i;
    }
    return i;
  }

  /**
   * Searches every message of every branch of the merged view (and the titles), deleted
   * conversations included unless the query says otherwise: a lazy stream of hits, grouped by
   * conversation, best first. Close the stream to release its statements.
   *
   * @throws SearchQueryException if the query's text cannot be parsed (never an SQL error)
   */
  public Stream<SearchHit> search(SearchQuery query) {
    requireNonNull(query, "query");
    checkOpen();
    try {
      return SearchTables.search(connection, query);
    } catch (SQLException e) {
      throw storage(e);
    }
  }

  /** Adds an export with {@link AddOptions#DEFAULT}. */
  public ImportReport add(Path export) throws IOException {
    return add(export, AddOptions.DEFAULT);
  }

  /**
   * Adds an export (ZIP, folder or conversations JSON file) in one transaction. Adding an export
   * that is already in the archive (same SHA-256; a file added before is known by its path, size
   * and modification time without hashing it) changes nothing and says so.
   *
   * @throws IOException if the export or the archive cannot be read or written
   * @throws ChatExportException if the export is damaged (the reader's error) and not added as
   *     partial
   * @throws ArchiveException if the export is incomplete (a shard missing, an interrupted download)
   *     and not added as partial, or of another account and not allowed
   */
  public ImportReport add(Path export, AddOptions options) throws IOException {
    requireNonNull(export, "export");
    requireNonNull(options, "options");
    checkOpen();
    try {
      return hashThenAdd(export, options);
    } catch (SQLException e) {
      rollback();
      throw new IOException("the archive " + path + " could not be written: " + e.getMessage(), e);
    } catch (IOException | RuntimeException | Error e) {
      rollback();
      throw e;
    } finally {
      unindexedFullText = null;
    }
  }

  private ImportReport hashThenAdd(Path export, AddOptions options)
      throws IOException, SQLException {
    long size = exportSize(export);
    FutureTask<String> hashing = null;
    String sha;
    ExportStamp stamp = exportStamp(export);
    if (requireNonNull(longQuery("SELECT count(*) FROM export WHERE size = ?", size)) > 0) {
      // perhaps added already: know before reading it, by its stamp or else by its hash
      if (stamp != null) {
        Long number =
            longQuery(
                "SELECT s.export FROM export_stamp s JOIN export e ON e.number = s.export"
                    + " WHERE s.path = ? AND s.stamp = ? AND e.size = ?",
                stamp.path(),
                stamp.stamp(),
                size);
        ArchivedExport known = number == null ? null : exportByNumber(number.intValue());
        if (known != null) {
          return new ImportReport(known, true, 0, 0, 0, 0, 0, 0);
        }
      }
      sha = exportSha(export);
      ArchivedExport known = exportBySha(sha);
      if (known != null) {
        if (stamp != null) {
          rememberStamp(stamp, known.number());
          connection.commit();
        }
        return new ImportReport(known, true, 0, 0, 0, 0, 0, 0);
      }
    } else {
      // No export of this size is in the archive, so this one is not: hash it on its own thread
      // while it is
      // read (the hash is a pass over the whole file that the reader does not need), and store it
      // before the
      // commit, in the same transaction.
      sha = PENDING_SHA;
      hashing = new FutureTask<>(() -> exportSha(export));
      Thread thread = new Thread(hashing, "chatexport-archive-sha256");
      thread.setDaemon(true);
      thread.start();
    }
    try {
      return addExport(export, options, size, sha, hashing, stamp);
    } finally {
      if (hashing != null) {
        hashing.cancel(true); // after a failure; done already otherwise
      }
    }
  }

  private ImportReport addExport(
      Path export,
      AddOptions options,
      long exportSize,
      String knownSha,
      @Nullable FutureTask<String> hashing,
      @Nullable ExportStamp stamp)
      throws IOException, SQLException {
    long[] size = {exportSize};
    String sha = knownSha;
    // Read on a thread of HashedConversations' (a pass that tells each conversation's bytes reads
    // on one thread); this thread writes to SQLite meanwhile.
    try (ExportReader reader = ExportReader.open(export)) {
      ExportLayout layout = reader.layout();
      List<String> problems = new ArrayList<>();
      if (layout.salvaged()) {
        problems.add("its ZIP has no readable central directory (an interrupted download?)");
      }
      Set<String> files = new HashSet<>(reader.files());
      for (String shard : listedShards(reader)) {
        if (!files.contains(shard)) {
          problems.add("its manifest lists the shard " + shard + ", which it does not hold");
        }
      }
      if (!problems.isEmpty() && !options.partial()) {
        throw new ArchiveException(
            ArchiveException.Reason.INCOMPLETE,
            export
                + " is incomplete: "
                + String.join("; ", problems)
                + ". Add it as partial to keep what it holds (it then marks nothing"
                + " deleted).",
            null);
      }
      boolean partial = !problems.isEmpty();
      String account = reader.account().map(Account::id).orElse(null);
      if (account != null && !options.otherAccount()) {
        for (String other : accounts()) {
          if (!other.equals(account)) {
            throw new ArchiveException(
                ArchiveException.Reason.OTHER_ACCOUNT,
                export
                    + " is an export of another account than this archive's; mixing two people's data is refused"
                    + " unless asked for",
                null);
          }
        }
      }
      int number = insertExport(export, size[0], sha, account, layout);
      if (stamp != null) {
        rememberStamp(stamp, number);
      }
      Pass pass = new Pass(number);
      // into an archive without any version nothing is recognised: every conversation is written
      // back, on the hashing threads
      pass.writeBackAll = requireNonNull(longQuery("SELECT count(*) FROM version")) == 0;
      // in this transaction: a failed or killed add rolls the trigger back with the rest
      PendingFullText unindexed = null;
      if (SearchTables.hasTables(connection)) {
        SearchTables.suspendFullText(connection);
        unindexed = new PendingFullText();
        unindexedFullText = unindexed;
      }
      ChatExportException damage = null;
      long total = reader.conversationBytes();
      long[] done = {0};
      boolean single = layout.conversationFiles().size() == 1;
      // with bytes to recognise, a JSON file is first scanned: see readRecognised
      boolean recognise =
          !pass.writeBackAll && longQuery("SELECT 1 FROM version_source LIMIT 1") != null;
      for (String file : layout.conversationFiles()) {
        try {
          if (recognise
              && file.endsWith(".json")
              && readRecognised(reader, file, pass, options.progress(), done, total)) {
            continue;
          }
          if (file.endsWith(".json") && !single) {
            // one reader per shard, so that each version is linked to the file that held it
            try (InputStream in = reader.openFile(file);
                ExportReader one = ExportReader.open(in, file)) {
              read(one, file, pass, options.progress(), done, total);
            }
          } else {
            read(reader, file, pass, options.progress(), done, total);
          }
        } catch (ChatExportException e) {
          if (!options.partial()) {
            throw e;
          }
          partial = true;
          if (damage == null) {
            damage = e;
          }
        }
      }
      int assetsAdded = storeFiles(reader, number, layout);
      if (hashing != null) {
        // before the ranks: the SHA-256 orders exports of the same date
        PreparedStatement s = prepared("UPDATE export SET sha256 = ? WHERE number = ?");
        s.setString(1, Futures.await(hashing, "hashing the export"));
        s.setInt(2, number);
        s.executeUpdate();
      }
      Instant exportTime = pass.latest;
      try (PreparedStatement s =
          connection.prepareStatement(
              "UPDATE export SET export_time = ?, export_time_us = ?, partial = ?, conversations = ? WHERE number = ?")) {
        s.setString(1, exportTime == null ? null : exportTime.toString());
        setLong(s, 2, exportTime == null ? null : micros(exportTime));
        s.setInt(3, partial || options.partial() ? 1 : 0);
        s.setInt(4, pass.position);
        s.setInt(5, number);
        s.executeUpdate();
      }
      Ranks ranks = ranks();
      int changed = 0;
      for (String id : pass.recompute) {
        boolean merged = remerge(id, ranks, pass.held);
        if (!pass.added.contains(id)) {
          if (merged) {
            changed++;
          } else {
            pass.recomputedUnchanged++;
          }
        }
      }
      int[] marks = updateMarks(ranks, pass);
      int unchanged = 0;
      for (String id : pass.seen) {
        if (!pass.added.contains(id) && !pass.recompute.contains(id)) {
          unchanged++;
        }
      }
      unchanged += pass.recomputedUnchanged;
      try (PreparedStatement s =
          connection.prepareStatement(
              "UPDATE export SET new = ?, changed = ?,"
                  + " unchanged = ?, deleted = ?, reappeared = ?, assets_added = ? WHERE number = ?")) {
        s.setInt(1, pass.added.size());
        s.setInt(2, changed);
        s.setInt(3, unchanged);
        s.setInt(4, marks[0]);
        s.setInt(5, marks[1]);
        s.setInt(6, assetsAdded);
        s.setInt(7, number);
        s.executeUpdate();
      }
      if (unindexed != null) {
        SearchTables.catchUpFullText(connection, unindexed);
        unindexedFullText = null;
        SearchTables.createTables(connection); // the trigger back
      }
      connection.commit();
      return reportOf(requireNonNull(exportByNumber(number)));
    }
  }

  /** What one add has seen so far. */
  private static final class Pass {
    final int number;
    int position;
    @Nullable Instant latest;
    final Set<String> seen = new HashSet<>();
    final Set<String> added = new HashSet<>();
    final Set<String> recompute = new LinkedHashSet<>();
    int recomputedUnchanged;
    boolean writeBackAll;

    /**
     * The versions read that the merge will need, as read, so that it need not render and parse
     * them again: as many as fit in {@link #HOLD} characters of JSON.
     */
    final Map<Long, Conversation> held = new HashMap<>();

    private long heldChars;

    Pass(int number) {
      this.number = number;
    }

    void hold(long version, Conversation c, long jsonChars) {
      if (heldChars + jsonChars <= HOLD && !held.containsKey(version)) {
        held.put(version, c);
        heldChars += jsonChars;
      }
    }
  }

  /**
   * The shards {@code export_manifest.json} lists, in both forms seen: {@code files[].shards[]} and
   * the real 2026 {@code logical_files["conversations.json"].files}.
   */
  private static Set<String> listedShards(ExportReader reader) {
    Set<String> out = new LinkedHashSet<>();
    reader.manifest().ifPresent(m -> out.addAll(m.shards()));
    Optional<RawJson> raw;
    try {
      raw = reader.json("export_manifest.json");
    } catch (ChatExportException e) {
      return out; // the reader reports a manifest that is not JSON
    }
    if (raw.isPresent()
        && raw.get() instanceof RawJson.JsonObject manifest
        && manifest.get("logical_files") instanceof RawJson.JsonObject logical
        && logical.get("conversations.json") instanceof RawJson.JsonObject conversations
        && conversations.get("files") instanceof RawJson.JsonArray files) {
      for (RawJson file : files.elements()) {
        file.asString().ifPresent(out::add);
      }
    }
    return out;
  }

  private void read(
      ExportReader reader,
      String file,
      Pass pass,
      @Nullable ProgressListener progress,
      long[] done,
      long total)
      throws IOException, SQLException {
    long before = done[0];
    // read (and, what is not recognised by its bytes, written back to JSON and hashed) on other
    // threads while this one writes to SQLite
    try (HashedConversations all = HashedConversations.start(reader, pass.writeBackAll)) {
      for (HashedConversations.Hashed h; (h = all.next()) != null; ) {
        store(h, file, pass);
        done[0] = before + h.bytesRead();
        if (progress != null) {
          progress.progress(pass.position, done[0], total);
        }
      }
      done[0] = before + all.bytesRead();
      if (progress != null) {
        progress.progress(pass.position, done[0], total);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while adding " + file);
    }
  }

  /**
   * A conversation of the file being scanned: the stored version its bytes are, which is all the
   * add needs of it; or, for one not recognised, the conversation as read; or, for one not
   * recognised past what the scan keeps, only its bytes' hash and size (it is read again). While
   * one not recognised is being parsed, {@code parsing} is that parse, and only it and the hash and
   * size are set.
   */
  private record Scanned(
      @Nullable Known known,
      HashedConversations.@Nullable Hashed read,
      @Nullable String source,
      int size,
      @Nullable Future<AloneParser.@Nullable Parsed> parsing) {}

  /** The stored version that a conversation's bytes were, with its conversation's id and times. */
  private record Known(long version, String conversationId, Instant updateTime, long top) {}

  /**
   * Adds one conversations JSON file by recognising its conversations by their bytes, parsing only
   * those not recognised (each on its own, with a reader of its own, on the threads of an {@link
   * AloneParser}, which also write it back to JSON and hash it, a few objects ahead of this
   * thread); returns false, having written nothing, when this cannot be done, and the caller then
   * reads the file with the reader.
   *
   * <p>The file is scanned ({@link ObjectScanner}) before anything is written: it must be one array
   * of objects to its end, with no conversation id twice, and each object not recognised must parse
   * alone into one conversation. Those are kept as read up to {@link #scanKept} bytes; past that
   * they are parsed again from a second scan of the file, and when they are more than a third of
   * the bytes scanned the file is read with the reader instead (cheaper when most of it is new).
   * Then every conversation is stored as {@link #read} would have stored it. A conversation
   * recognised is linked to its version without being parsed, written back or hashed again, which
   * is why an export that shares most conversations with the archive adds in about the time its
   * bytes take to scan and hash.
   */
  private boolean readRecognised(
      ExportReader reader,
      String file,
      Pass pass,
      @Nullable ProgressListener progress,
      long[] done,
      long total)
      throws IOException, SQLException {
    long before = done[0];
    List<Scanned> scanned = new ArrayList<>();
    String unsuitable = null;
    long end = 0;
    boolean again = false;
    try (AloneParser parser = new AloneParser(file)) {
      try (InputStream in = reader.openFile(file)) {
        ObjectScanner scan = new ObjectScanner(in, SCANNED_LIMIT);
        Set<String> ids = new HashSet<>();
        long unrecognised = 0;
        int waited = 0; // scanned before this index are parsed, when they needed it
        ObjectScanner.Step step;
        while (unsuitable == null && (step = scan.next()) != ObjectScanner.Step.END) {
          if (step == ObjectScanner.Step.UNSUITABLE) {
            unsuitable = "not one array of objects to its end";
            break;
          }
          String source = scan.sha256();
          Known known = known(source);
          if (known != null && scan.names(known.conversationId())) {
            scanned.add(new Scanned(known, null, null, 0, null));
          } else {
            unrecognised += scan.length();
            if (unrecognised > scanKept && unrecognised > scan.bytesRead() / 3) {
              unsuitable = "most of it is new";
              break;
            }
            boolean keep = unrecognised <= scanKept;
            again |= !keep;
            scanned.add(
                new Scanned(
                    null,
                    null,
                    source,
                    scan.length(),
                    parser.submit(scan.bytes(), source, scan.bytesRead(), keep)));
          }
          // the parsing runs ahead of this thread by a few objects at most
          for (int limit = scanned.size() - PARSED_AHEAD;
              unsuitable == null && waited < scanned.size() && waited < limit;
              waited++) {
            unsuitable = settle(scanned, waited, ids);
          }
          if (progress != null) {
            progress.progress(pass.position + scanned.size(), before + scan.bytesRead(), total);
          }
        }
        for (; unsuitable == null && waited < scanned.size(); waited++) {
          unsuitable = settle(scanned, waited, ids);
        }
        end = scan.bytesRead();
      } catch (InterruptedIOException e) {
        throw e;
      } catch (IOException | UncheckedIOException e) {
        unsuitable = e.toString(); // a damaged entry, say: the reader says where
      }
      if (unsuitable != null) {
        LOG.log(System.Logger.Level.DEBUG, "{0}: read with the reader: {1}", file, unsuitable);
        return false;
      }
      int recognised = 0;
      try (InputStream in = again ? reader.openFile(file) : InputStream.nullInputStream()) {
        ObjectScanner scan = new ObjectScanner(in, SCANNED_LIMIT);
        // the objects to parse again are scanned and parsed a few ahead of the one stored
        ArrayDeque<Future<AloneParser.@Nullable Parsed>> ahead = new ArrayDeque<>();
        int next = 0;
        for (Scanned s : scanned) {
          for (; again && next < scanned.size() && ahead.size() < PARSED_AHEAD; next++) {
            if (scan.next() != ObjectScanner.Step.OBJECT) {
              throw new IOException(file + " changed while it was being added");
            }
            Scanned n = scanned.get(next);
            if (n.read() == null && n.known() == null) {
              String source = scan.sha256();
              if (!source.equals(n.source())) {
                throw new IOException(file + " changed while it was being added");
              }
              ahead.add(parser.submit(scan.bytes(), source, 0, true));
            }
          }
          HashedConversations.Hashed read = s.read();
          if (read == null && s.known() == null) {
            AloneParser.Parsed parsed = AloneParser.await(requireNonNull(ahead.poll()));
            if (parsed == null || parsed.hashed() == null) {
              throw new IOException(file + " changed while it was being added");
            }
            read = parsed.hashed();
          }
          if (read != null) {
            store(read, file, pass);
            continue;
          }
          Known k = requireNonNull(s.known());
          recognised++;
          if (pass.latest == null || k.updateTime().isAfter(pass.latest)) {
            pass.latest = k.updateTime();
          }
          link(pass, file, k.version());
          pass.seen.add(k.conversationId());
          if (k.top() != k.version()) {
            pass.recompute.add(k.conversationId());
          }
        }
      }
      LOG.log(
          System.Logger.Level.DEBUG,
          "{0}: {1} of {2} conversations recognised by their bytes, not parsed{3}",
          file,
          recognised,
          scanned.size(),
          again ? " (the file scanned twice)" : "");
    }
    done[0] = before + end;
    if (progress != null) {
      progress.progress(pass.position, done[0], total);
    }
    return true;
  }

  /**
   * Takes what the parse of {@code scanned[i]} gave (nothing to wait for when it was recognised):
   * keeps the conversation read when it is kept, checks its id against the others; returns why the
   * file cannot be added this way, or null.
   */
  private static @Nullable String settle(List<Scanned> scanned, int i, Set<String> ids)
      throws IOException {
    Scanned s = scanned.get(i);
    String id;
    if (s.known() != null) {
      id = s.known().conversationId();
    } else {
      AloneParser.Parsed parsed = AloneParser.await(requireNonNull(s.parsing()));
      if (parsed == null) {
        return "an object that is not one conversation when read alone";
      }
      id = parsed.conversationId();
      HashedConversations.Hashed kept = parsed.hashed();
      scanned.set(
          i,
          kept != null
              ? new Scanned(null, kept, null, 0, null)
              : new Scanned(null, null, s.source(), s.size(), null));
    }
    return ids.add(id) ? null : "the conversation " + id + " twice";
  }

  /**
   * The version whose bytes had this SHA-256, when its conversation is in the archive and has an
   * update time (the export's own date is taken from it); null otherwise.
   */
  private @Nullable Known known(String source) throws SQLException {
    PreparedStatement s =
        prepared(
            "SELECT s.version, v.conversation_id, v.update_time, c.top_version FROM version_source s"
                + " JOIN version v ON v.id = s.version JOIN conversation c ON c.id = v.conversation_id"
                + " WHERE s.sha256 = ?");
    s.setString(1, source);
    try (ResultSet r = s.executeQuery()) {
      if (!r.next() || r.getString(3) == null) {
        return null;
      }
      return new Known(r.getLong(1), r.getString(2), Instant.parse(r.getString(3)), r.getLong(4));
    }
  }

  /** Records that this add's export holds {@code version} at its next position. */
  private void link(Pass pass, String file, long version) throws SQLException {
    PreparedStatement link =
        prepared("INSERT INTO export_version(export, position, file, version) VALUES (?, ?, ?, ?)");
    link.setInt(1, pass.number);
    link.setInt(2, pass.position++);
    link.setString(3, file);
    link.setLong(4, version);
    link.executeUpdate();
  }

  private void store(HashedConversations.Hashed read, String file, Pass pass) throws SQLException {
    Conversation c = read.conversation();
    String json = read.json();
    String sha = read.sha256();
    Instant time = c.updateTime() != null ? c.updateTime() : c.createTime();
    if (time != null && (pass.latest == null || time.isAfter(pass.latest))) {
      pass.latest = time;
    }
    String source = read.sourceSha256();
    // the same bytes as a version met before are that version; the bytes hold the conversation's
    // id, so the id's check only guards against a row that is not what this library wrote
    Long version =
        source == null || read.sha256() != null
            ? null
            : longQuery(
                "SELECT s.version FROM version_source s JOIN version v ON v.id = s.version"
                    + " WHERE s.sha256 = ? AND v.conversation_id = ?",
                source,
                c.id());
    String nodes = null;
    String shell = null;
    if (version == null) {
      String written = json;
      String hash = sha;
      JsonParts.Cut cut = read.cut(); // cut on the thread that wrote it back, when it was
      if (written == null || hash == null) {
        written = ExportWriter.toJson(c);
        hash = Sha.of(written);
        cut = null;
      }
      json = written;
      sha = hash;
      version = longQuery("SELECT id FROM version WHERE sha256 = ?", hash);
      if (version == null) {
        if (cut == null) {
          cut = JsonParts.cut(written);
        }
        nodes = storeNodes(c.id(), cut);
        shell = cut.shell();
        PreparedStatement s =
            prepared(
                "INSERT INTO version(sha256, conversation_id, title, update_time, shell,"
                    + " nodes) VALUES (?, ?, ?, ?, ?, ?)");
        s.setString(1, hash);
        s.setString(2, c.id());
        s.setString(3, c.title());
        s.setString(4, c.updateTime() == null ? null : c.updateTime().toString());
        s.setString(5, shell);
        s.setString(6, nodes);
        s.executeUpdate();
        version = lastId();
      }
      if (source != null) {
        // written back and hashed: remember what those bytes were
        PreparedStatement s =
            prepared("INSERT OR REPLACE INTO version_source(sha256, version) VALUES (?, ?)");
        s.setString(1, source);
        s.setLong(2, version);
        s.executeUpdate();
      }
    }
    link(pass, file, version);
    pass.seen.add(c.id());
    Long top = longQuery("SELECT top_version FROM conversation WHERE id = ?", c.id());
    if (top == null) {
      if (sha == null) {
        sha = requireNonNull(stringQuery("SELECT sha256 FROM version WHERE id = ?", version));
      }
      if (shell == null) {
        PreparedStatement s = prepared("SELECT shell, nodes FROM version WHERE id = ?");
        s.setLong(1, version);
        try (ResultSet r = s.executeQuery()) {
          r.next();
          shell = r.getString(1);
          nodes = r.getString(2);
        }
      }
      PreparedStatement s =
          prepared(
              "INSERT INTO conversation(id, top_version, first_seen, last_seen, title,"
                  + " update_time, update_time_us, merged_sha256, shell, nodes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      s.setString(1, c.id());
      s.setLong(2, version);
      s.setInt(3, pass.number);
      s.setInt(4, pass.number);
      s.setString(5, c.title());
      s.setString(6, c.updateTime() == null ? null : c.updateTime().toString());
      setLong(s, 7, c.updateTime() == null ? null : micros(c.updateTime()));
      s.setString(8, sha);
      s.setString(9, shell);
      s.setString(10, nodes);
      s.executeUpdate();
      pass.added.add(c.id());
      indexChanged(connection, c, false);
    } else if (top.longValue() != version.longValue()) {
      pass.recompute.add(c.id());
      pass.hold(version, c, json != null ? json.length() : read.size());
    }
  }

  /**
   * Stores the nodes not yet stored; returns the JSON array of the node rows' ids, in mapping
   * order.
   */
  private String storeNodes(String conversationId, JsonParts.Cut cut) throws SQLException {
    StringBuilder ids = new StringBuilder("[");
    PreparedStatement find = prepared("SELECT id FROM node WHERE sha256 = ?");
    PreparedStatement insert =
        prepared("INSERT INTO node(sha256, conversation_id, node_id, json) VALUES (?, ?, ?, ?)");
    for (JsonParts.Node node : cut.nodes()) {
      String sha = Sha.of(conversationId, node.id(), node.json());
      long id = -1;
      // most nodes of a changed conversation are stored already: one lookup each
      find.setString(1, sha);
      try (ResultSet r = find.executeQuery()) {
        if (r.next()) {
          id = r.getLong(1);
        }
      }
      if (id < 0) {
        insert.setString(1, sha);
        insert.setString(2, conversationId);
        insert.setString(3, node.id());
        insert.setString(4, node.json());
        insert.executeUpdate();
        id = lastId();
      }
      if (ids.length() > 1) {
        ids.append(',');
      }
      ids.append(id);
    }
    return ids.append(']').toString();
  }

  /** Computes the merged view of one conversation again; returns whether it changed. */
  private boolean remerge(String id, Ranks ranks, Map<Long, Conversation> held)
      throws SQLException, IOException {
    List<long[]> versions = versionKeys(id, ranks);
    versions.sort(
        Comparator.comparingLong((long[] v) -> v[1]).thenComparingLong(v -> v[2]).reversed());
    Long top = longQuery("SELECT top_version FROM conversation WHERE id = ?", id);
    Conversation merged;
    if (versions.size() > 2 && top != null && versions.get(1)[0] == top) {
      // The new version is the newest and the one before it was the top: the stored merged view
      // already is the
      // merge of all the others, so that merging the newest into it gives what merging them all
      // gives.
      String shell = requireNonNull(stringQuery("SELECT shell FROM conversation WHERE id = ?", id));
      String nodes = requireNonNull(stringQuery("SELECT nodes FROM conversation WHERE id = ?", id));
      merged =
          Merge.of(
              List.of(
                  version(versions.get(0)[0], held), parse(render(shell, nodes), "merged " + id)));
    } else {
      List<Conversation> parsed = new ArrayList<>();
      for (long[] v : versions) {
        parsed.add(version(v[0], held));
      }
      merged = Merge.of(parsed);
    }
    String json = ExportWriter.toJson(merged);
    String sha = Sha.of(json);
    String before = stringQuery("SELECT merged_sha256 FROM conversation WHERE id = ?", id);
    boolean changed = !sha.equals(before);
    if (!changed) {
      // the same merged JSON: same title, times, shell and nodes; only the version on top moved
      PreparedStatement s = prepared("UPDATE conversation SET top_version = ? WHERE id = ?");
      s.setLong(1, versions.get(0)[0]);
      s.setString(2, id);
      s.executeUpdate();
    } else {
      JsonParts.Cut cut = JsonParts.cut(json);
      String nodes = storeNodes(id, cut);
      PreparedStatement s =
          prepared(
              "UPDATE conversation SET top_version = ?, title = ?, update_time = ?,"
                  + " update_time_us = ?, merged_sha256 = ?, shell = ?, nodes = ? WHERE id = ?");
      s.setLong(1, versions.get(0)[0]);
      s.setString(2, merged.title());
      s.setString(3, merged.updateTime() == null ? null : merged.updateTime().toString());
      setLong(s, 4, merged.updateTime() == null ? null : micros(merged.updateTime()));
      s.setString(5, sha);
      s.setString(6, cut.shell());
      s.setString(7, nodes);
      s.setString(8, id);
      s.executeUpdate();
      indexChanged(
          connection,
          merged,
          longQuery("SELECT deleted_since FROM conversation WHERE id = ?", id) != null);
    }
    return changed;
  }

  /** A stored version: as read, when the add holds it still, or rendered and parsed again. */
  private Conversation version(long version, Map<Long, Conversation> held)
      throws SQLException, IOException {
    Conversation c = held.get(version);
    return c != null ? c : parse(renderVersion(version), "version " + version);
  }

  /** Each version of a conversation as {version id, rank of its newest export, position there}. */
  private List<long[]> versionKeys(String id, Ranks ranks) throws SQLException {
    Map<Long, long[]> keys = new LinkedHashMap<>();
    PreparedStatement s =
        prepared(
            "SELECT ev.version, ev.export, ev.position FROM export_version ev"
                + " JOIN version v ON v.id = ev.version WHERE v.conversation_id = ?");
    s.setString(1, id);
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        long version = r.getLong(1);
        long rank = ranks.rank(r.getInt(2));
        long position = r.getLong(3);
        long[] key = keys.get(version);
        if (key == null || rank > key[1] || (rank == key[1] && position > key[2])) {
          keys.put(version, new long[] {version, rank, position});
        }
      }
    }
    return new ArrayList<>(keys.values());
  }

  /**
   * The exports in the order of their own dates (then SHA-256), and which of them may mark
   * deletions.
   */
  private static final class Ranks {
    final Map<Integer, Integer> rankOf = new HashMap<>();
    final List<Integer> byRank = new ArrayList<>();
    final List<Boolean> complete = new ArrayList<>();

    int rank(int number) {
      Integer r = rankOf.get(number);
      if (r == null) {
        throw new IllegalStateException("no export " + number);
      }
      return r;
    }
  }

  private Ranks ranks() throws SQLException {
    Ranks ranks = new Ranks();
    try (Statement s = connection.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT number, partial, conversations FROM export"
                    + " ORDER BY export_time_us IS NOT NULL, export_time_us, sha256")) {
      while (r.next()) {
        ranks.rankOf.put(r.getInt(1), ranks.byRank.size());
        ranks.byRank.add(r.getInt(1));
        ranks.complete.add(r.getInt(2) == 0 && r.getInt(3) > 0);
      }
    }
    return ranks;
  }

  /**
   * Updates first and last seen and the deletion marks of every conversation; returns {deleted,
   * reappeared}. Each conversation's first and last export are those stored, widened by this add's
   * export for the conversations it holds (an export added between two others keeps their order),
   * so that the work grows with the conversations, not with every export's every conversation.
   */
  private int[] updateMarks(Ranks ranks, Pass pass) throws SQLException, IOException {
    int[] counts = new int[2];
    int added = ranks.rank(pass.number);
    int n = ranks.byRank.size();
    // nextComplete[k]: the first export ranked above k that may mark deletions, or -1
    int[] nextComplete = new int[n];
    int next = -1;
    for (int k = n - 1; k >= 0; k--) {
      nextComplete[k] = next;
      if (ranks.complete.get(k)) {
        next = k;
      }
    }
    // the conversations whose mark began or ended, and whether they are deleted now
    Map<String, Boolean> markChanged = new LinkedHashMap<>();
    try (Statement s = connection.createStatement();
        ResultSet r =
            s.executeQuery("SELECT id, first_seen, last_seen, deleted_since FROM conversation");
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE conversation SET first_seen = ?, last_seen = ?, deleted_since = ? WHERE id = ?")) {
      while (r.next()) {
        String id = r.getString(1);
        int firstRank = ranks.rank(r.getInt(2));
        int lastRank = ranks.rank(r.getInt(3));
        if (pass.seen.contains(id)) {
          firstRank = Math.min(firstRank, added);
          lastRank = Math.max(lastRank, added);
        }
        int first = ranks.byRank.get(firstRank);
        int last = ranks.byRank.get(lastRank);
        Integer deletedSince =
            nextComplete[lastRank] < 0 ? null : ranks.byRank.get(nextComplete[lastRank]);
        int oldDeleted = r.getInt(4);
        Integer before = r.wasNull() ? null : oldDeleted;
        if (first != r.getInt(2)
            || last != r.getInt(3)
            || !java.util.Objects.equals(before, deletedSince)) {
          update.setInt(1, first);
          update.setInt(2, last);
          if (deletedSince == null) {
            update.setNull(3, java.sql.Types.INTEGER);
          } else {
            update.setInt(3, deletedSince);
          }
          update.setString(4, id);
          update.executeUpdate();
        }
        if ((before == null) != (deletedSince == null)) {
          counts[deletedSince == null ? 1 : 0]++;
          markChanged.put(id, deletedSince != null);
        }
      }
    }
    for (Map.Entry<String, Boolean> e : markChanged.entrySet()) {
      // the merged view is what it was: only the flag changes, unless it was never indexed
      if (!indexer().markDeleted(e.getKey(), e.getValue())) {
        indexChanged(connection, conversation(e.getKey()).orElseThrow(), e.getValue());
      }
    }
    return counts;
  }

  /**
   * Stores every file of the export but its conversation JSON files; returns how many assets were
   * new. A file whose path and stamp ({@link ExportReader#fileStamp}) an earlier add met is the
   * file stored then, and is not read again: for an export downloaded again, its assets cost a
   * lookup each instead of a reading (the export's own SHA-256 still reads its bytes once, on a
   * thread of its own).
   */
  private int storeFiles(ExportReader reader, int number, ExportLayout layout)
      throws IOException, SQLException {
    Set<String> conversationFiles = new HashSet<>(layout.conversationFiles());
    Set<String> assets = new HashSet<>();
    for (Asset a : reader.assets().all()) {
      assets.add(a.entry());
    }
    int added = 0;
    boolean[] isNew = new boolean[1];
    try (PreparedStatement s =
        connection.prepareStatement(
            "INSERT INTO export_file(export, path, kind, sha256) VALUES (?, ?, ?, ?)")) {
      for (String name : reader.files()) {
        if (conversationFiles.contains(name) && name.endsWith(".json")) {
          continue;
        }
        Optional<String> stamp = reader.fileStamp(name);
        String sha = stamp.isPresent() ? stamped(name, stamp.get()) : null;
        if (sha != null) {
          isNew[0] = false; // stored before under this name and stamp: not read again
        } else {
          sha = Blobs.store(connection, () -> reader.openFile(name), isNew);
          if (stamp.isPresent()) {
            rememberFileStamp(name, stamp.get(), sha);
          }
        }
        String kind =
            conversationFiles.contains(name)
                ? "conversations"
                : assets.contains(name) ? "asset" : "file";
        if (isNew[0] && kind.equals("asset")) {
          added++;
        }
        s.setInt(1, number);
        s.setString(2, name);
        s.setString(3, kind);
        s.setString(4, sha);
        s.executeUpdate();
      }
    }
    return added;
  }

  /**
   * The SHA-256 of the stored file that a file of this path and stamp was when an add read it, or
   * null.
   */
  private @Nullable String stamped(String path, String stamp) throws SQLException {
    PreparedStatement s =
        prepared(
            "SELECT f.sha256 FROM file_stamp f JOIN blob b ON b.sha256 = f.sha256"
                + " WHERE f.path = ? AND f.stamp = ?");
    s.setString(1, path);
    s.setString(2, stamp);
    try (ResultSet r = s.executeQuery()) {
      return r.next() ? r.getString(1) : null;
    }
  }

  /** Records that a file of this path and stamp was the stored file {@code sha}. */
  private void rememberFileStamp(String path, String stamp, String sha) throws SQLException {
    PreparedStatement s =
        prepared("INSERT OR REPLACE INTO file_stamp(path, stamp, sha256) VALUES (?, ?, ?)");
    s.setString(1, path);
    s.setString(2, stamp);
    s.setString(3, sha);
    s.executeUpdate();
  }

  private int insertExport(
      Path export, long size, String sha, @Nullable String account, ExportLayout layout)
      throws SQLException {
    StringWriter files = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(files)) {
      g.writeStartArray();
      for (String f : layout.conversationFiles()) {
        g.writeString(f);
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path name = export.toAbsolutePath().normalize().getFileName();
    try (PreparedStatement s =
        connection.prepareStatement(
            "INSERT INTO export(file_name, size, sha256,"
                + " account_id, added_at, partial, layout, conversation_files, conversations, new, changed, unchanged,"
                + " deleted, reappeared, assets_added) VALUES (?, ?, ?, ?, ?, 0, ?, ?, 0, 0, 0, 0, 0, 0, 0)")) {
      s.setString(1, name == null ? export.toString() : name.toString());
      s.setLong(2, size);
      s.setString(3, sha);
      s.setString(4, account);
      s.setString(5, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
      s.setString(6, layout.container() + " " + layout.source());
      s.setString(7, files.toString());
      s.executeUpdate();
    }
    return (int) lastId();
  }

  /** An export file's absolute path and its stamp, as {@code export_stamp} keeps them. */
  private record ExportStamp(String path, String stamp) {}

  /**
   * The export file's absolute path and its stamp (size and modification time, the check rsync
   * makes), by which adding the same file again is known without hashing it; null for a folder,
   * whose own time does not follow its files'.
   */
  private static @Nullable ExportStamp exportStamp(Path export) throws IOException {
    BasicFileAttributes a = Files.readAttributes(export, BasicFileAttributes.class);
    if (!a.isRegularFile()) {
      return null;
    }
    return new ExportStamp(
        export.toAbsolutePath().normalize().toString(),
        "file size " + a.size() + " modified " + a.lastModifiedTime().to(TimeUnit.NANOSECONDS));
  }

  private void rememberStamp(ExportStamp stamp, int number) throws SQLException {
    PreparedStatement s =
        prepared("INSERT OR REPLACE INTO export_stamp(path, stamp, export) VALUES (?, ?, ?)");
    s.setString(1, stamp.path());
    s.setString(2, stamp.stamp());
    s.setInt(3, number);
    s.executeUpdate();
  }

  /** The size of a file, or the sum of a folder's files' sizes. */
  private static long exportSize(Path export) throws IOException {
    if (!Files.isDirectory(export)) {
      return Files.size(export);
    }
    long size = 0;
    try (Stream<Path> walk = Files.walk(export)) {
      for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        size += Files.size(f);
      }
    }
    return size;
  }

  /**
   * The SHA-256 of a file, or of a folder's sorted list of relative names and their files' SHA-256.
   */
  private static String exportSha(Path export) throws IOException {
    long[] size = {0};
    if (Files.isDirectory(export)) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(export)) {
        files =
            walk.filter(Files::isRegularFile)
                .sorted(Comparator.comparing(p -> export.relativize(p).toString()))
                .toList();
      }
      MessageDigest d = Sha.digest();
      for (Path f : files) {
        size[0] += Files.size(f);
        d.update(
            export.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
        d.update((byte) 0);
        d.update(Blobs.sha256(Files.newInputStream(f)).getBytes(StandardCharsets.US_ASCII));
        d.update((byte) 0);
      }
      return Sha.hex(d.digest());
    }
    size[0] = Files.size(export);
    return Blobs.sha256(Files.newInputStream(export));
  }

  // ----------------------------------------------------------------------------------------------
  // reading

  /**
   * The merged view: every conversation the archive holds, deleted ones too, as a lazy stream (one
   * conversation in memory at a time), the most recently updated first. Close the stream.
   */
  public Stream<Conversation> conversations() {
    checkOpen();
    try {
      PreparedStatement s =
          connection.prepareStatement(
              "SELECT shell, nodes FROM conversation ORDER BY update_time_us DESC NULLS LAST, id");
      ResultSet r = s.executeQuery();
      InputStream in =
          new JsonArrayInput(
              () -> {
                try {
                  return r.next() ? render(r.getString(1), r.getString(2)) : null;
                } catch (SQLException e) {
                  throw new IOException(
                      "the archive " + path + " could not be read: " + e.getMessage(), e);
                }
              });
      ExportReader reader = ExportReader.open(in, path.getFileName() + " (merged)");
      return reader
          .conversations()
          .onClose(
              () -> {
                reader.close();
                try {
                  r.close();
                  s.close();
                } catch (SQLException e) {
                  throw new UncheckedIOException(new IOException(e));
                }
              });
    } catch (SQLException e) {
      throw storage(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The merged view of one conversation. */
  public Optional<Conversation> conversation(String id) {
    requireNonNull(id, "id");
    checkOpen();
    try (PreparedStatement s =
        connection.prepareStatement("SELECT shell, nodes FROM conversation WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(parse(render(r.getString(1), r.getString(2)), id));
      }
    } catch (SQLException e) {
      throw storage(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** First and last seen, and the deletion mark, of one conversation. */
  public Optional<ConversationFacts> facts(String id) {
    requireNonNull(id, "id");
    checkOpen();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT first_seen, last_seen, deleted_since FROM conversation WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        int first = r.getInt(1);
        int last = r.getInt(2);
        int deleted = r.getInt(3);
        boolean none = r.wasNull();
        Map<Integer, ArchivedExport> exports = exportMap();
        return Optional.of(
            new ConversationFacts(
                id,
                requireNonNull(exports.get(first)),
                requireNonNull(exports.get(last)),
                none ? null : exports.get(deleted)));
      }
    } catch (SQLException e) {
      throw storage(e);
    }
  }

  /**
   * Every version of one conversation, oldest first, each with the exports that had it; empty if
   * unknown.
   */
  public List<ConversationVersion> history(String id) {
    requireNonNull(id, "id");
    checkOpen();
    try {
      Ranks ranks = ranks();
      Map<Integer, ArchivedExport> exports = exportMap();
      Map<Long, List<Integer>> byVersion = new LinkedHashMap<>();
      List<long[]> keys = versionKeys(id, ranks);
      keys.sort(Comparator.comparingLong((long[] v) -> v[1]).thenComparingLong(v -> v[2]));
      for (long[] k : keys) {
        byVersion.put(k[0], new ArrayList<>());
      }
      try (PreparedStatement s =
          connection.prepareStatement(
              "SELECT DISTINCT ev.version, ev.export FROM"
                  + " export_version ev JOIN version v ON v.id = ev.version WHERE v.conversation_id = ?")) {
        s.setString(1, id);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            List<Integer> list = byVersion.get(r.getLong(1));
            if (list != null) {
              list.add(r.getInt(2));
            }
          }
        }
      }
      List<ConversationVersion> out = new ArrayList<>();
      for (Map.Entry<Long, List<Integer>> e : byVersion.entrySet()) {
        List<Integer> numbers = e.getValue();
        numbers.sort(Comparator.comparingInt(ranks::rank));
        List<ArchivedExport> had = new ArrayList<>();
        for (int n : numbers) {
          had.add(requireNonNull(exports.get(n)));
        }
        out.add(new ConversationVersion(parse(renderVersion(e.getKey()), id), had));
      }
      return out;
    } catch (SQLException e) {
      throw storage(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every export added, in the order added. */
  public List<ArchivedExport> exports() {
    checkOpen();
    try {
      return List.copyOf(exportMap().values());
    } catch (SQLException e) {
      throw storage(e);
    }
  }

  /** Every export added, in the order added, each with the report of its add. */
  public List<ImportReport> log() {
    checkOpen();
    List<ImportReport> out = new ArrayList<>();
    try {
      for (ArchivedExport e : exportMap().values()) {
        out.add(reportOf(e));
      }
    } catch (SQLException e) {
      throw storage(e);
    }
    return out;
  }

  // ----------------------------------------------------------------------------------------------
  // writing

  /**
   * Writes the merged view as an export in the official 2026 form (shards of 100 conversations and
   * a manifest): a ZIP when {@code out}'s name ends in {@code .zip}, else a folder. Each other file
   * (assets, {@code user.json}, feedback, …) is written as the newest export that had it holds it,
   * so that an asset that any export had is there. {@value #FACTS_FILE} lists the exports and, per
   * conversation, {@code first_seen}, {@code last_seen} (export file names), {@code deleted} and
   * {@code deleted_since}.
   */
  public void export(Path out) throws IOException {
    export(out, true);
  }

  /** As {@link #export(Path)}, with or without the asset files. */
  public void export(Path out, boolean withAssets) throws IOException {
    requireNonNull(out, "out");
    checkOpen();
    try (ExportWriter w = writer(out, SHARD);
        Stream<Conversation> all = conversations()) {
      for (java.util.Iterator<Conversation> it = all.iterator(); it.hasNext(); ) {
        w.write(it.next());
      }
      Ranks ranks = ranks();
      Map<String, String[]> newest = new java.util.TreeMap<>();
      Map<String, Integer> newestRank = new HashMap<>();
      try (Statement s = connection.createStatement();
          ResultSet r = s.executeQuery("SELECT export, path, kind, sha256 FROM export_file")) {
        while (r.next()) {
          String name = r.getString(2);
          int rank = ranks.rank(r.getInt(1));
          Integer best = newestRank.get(name);
          if (best == null || rank > best) {
            newestRank.put(name, rank);
            newest.put(name, new String[] {r.getString(3), r.getString(4)});
          }
        }
      }
      for (Map.Entry<String, String[]> e : newest.entrySet()) {
        String kind = e.getValue()[0];
        String name = e.getKey();
        if (kind.equals("conversations")
            || name.equals("export_manifest.json")
            || name.equals(FACTS_FILE)
            || (!withAssets && kind.equals("asset"))) {
          continue;
        }
        try (InputStream in = Blobs.open(connection, e.getValue()[1])) {
          w.writeFile(name, in);
        }
      }
      Path facts = Files.createTempFile("chatexport-archive", ".json");
      try {
        writeFacts(facts);
        try (InputStream in = Files.newInputStream(facts)) {
          w.writeFile(FACTS_FILE, in);
        }
      } finally {
        deleteTemporary(facts);
      }
    } catch (SQLException e) {
      throw new IOException("the archive " + path + " could not be read: " + e.getMessage(), e);
    }
  }

  private void writeFacts(Path file) throws IOException, SQLException {
    Map<Integer, ArchivedExport> exports = exportMap();
    try (OutputStream os = Files.newOutputStream(file);
        JsonGenerator g = JSON.createGenerator(os, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("format", "chatexport-archive");
      g.writeNumberField("version", FACTS_VERSION);
      g.writeArrayFieldStart("exports");
      for (ArchivedExport e : exports.values()) {
        g.writeStartObject();
        g.writeNumberField("number", e.number());
        g.writeStringField("file_name", e.fileName());
        g.writeNumberField("size", e.size());
        g.writeStringField("sha256", e.sha256());
        g.writeStringField("account_id", e.accountId());
        g.writeStringField(
            "export_time", e.exportTime() == null ? null : e.exportTime().toString());
        g.writeStringField("added_at", e.addedAt().toString());
        g.writeBooleanField("partial", e.partial());
        g.writeNumberField("conversations", e.conversations());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("conversations");
      try (Statement s = connection.createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT id, first_seen, last_seen, deleted_since FROM conversation"
                      + " ORDER BY update_time_us DESC NULLS LAST, id")) {
        while (r.next()) {
          g.writeObjectFieldStart(r.getString(1));
          g.writeStringField("first_seen", requireNonNull(exports.get(r.getInt(2))).fileName());
          g.writeStringField("last_seen", requireNonNull(exports.get(r.getInt(3))).fileName());
          int deleted = r.getInt(4);
          boolean none = r.wasNull();
          g.writeBooleanField("deleted", !none);
          g.writeStringField(
              "deleted_since", none ? null : requireNonNull(exports.get(deleted)).fileName());
          g.writeEndObject();
        }
      }
      g.writeEndObject();
      g.writeEndObject();
    }
  }

  /**
   * Writes one added export back as it was: its conversation files with the conversations it held,
   * in its order (equal to the original as JSON values), and every other file byte for byte. A ZIP
   * when {@code out}'s name ends in {@code .zip}, else a folder.
   */
  public void exportAsOf(ArchivedExport export, Path out) throws IOException {
    requireNonNull(export, "export");
    requireNonNull(out, "out");
    checkOpen();
    try {
      String files =
          stringQuery(
              "SELECT conversation_files FROM export WHERE number = ? AND sha256 = ?",
              export.number(),
              export.sha256());
      if (files == null) {
        throw new IllegalArgumentException("not an export of this archive: " + export);
      }
      Set<String> raw = new HashSet<>();
      try (PreparedStatement s =
          connection.prepareStatement(
              "SELECT path FROM export_file WHERE export = ? AND kind = 'conversations'")) {
        s.setInt(1, export.number());
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            raw.add(r.getString(1));
          }
        }
      }
      try (ExportWriter w = writer(out, 0)) {
        for (String file : names(files)) {
          if (raw.contains(file)) {
            continue;
          }
          try (PreparedStatement s =
              connection.prepareStatement(
                  "SELECT version FROM export_version WHERE export = ? AND file = ? ORDER BY position")) {
            s.setInt(1, export.number());
            s.setString(2, file);
            try (ResultSet r = s.executeQuery()) {
              w.writeFile(
                  file,
                  new JsonArrayInput(
                      () -> {
                        try {
                          return r.next() ? renderVersion(r.getLong(1)) : null;
                        } catch (SQLException e) {
                          throw new IOException(e);
                        }
                      }));
            }
          }
        }
        try (PreparedStatement s =
            connection.prepareStatement(
                "SELECT path, sha256 FROM export_file WHERE export = ? ORDER BY path")) {
          s.setInt(1, export.number());
          try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
              try (InputStream in = Blobs.open(connection, r.getString(2))) {
                w.writeFile(r.getString(1), in);
              }
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new IOException("the archive " + path + " could not be read: " + e.getMessage(), e);
    }
  }

  private static List<String> names(String jsonArray) throws IOException {
    List<String> out = new ArrayList<>();
    try (com.fasterxml.jackson.core.JsonParser p = JSON.createParser(jsonArray)) {
      p.nextToken();
      while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
        out.add(p.getText());
      }
    }
    return out;
  }

  private static ExportWriter writer(Path out, int perShard) throws IOException {
    Path name = out.getFileName();
    boolean zip =
        name != null && name.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip");
    return zip ? ExportWriter.zip(out, perShard) : ExportWriter.folder(out, perShard);
  }

  // ----------------------------------------------------------------------------------------------
  // helpers

  private String renderVersion(long version) throws SQLException, IOException {
    PreparedStatement s = prepared("SELECT shell, nodes FROM version WHERE id = ?");
    s.setLong(1, version);
    String shell;
    String nodes;
    try (ResultSet r = s.executeQuery()) {
      if (!r.next()) {
        throw new IllegalStateException("no version " + version);
      }
      shell = r.getString(1);
      nodes = r.getString(2);
    }
    return render(shell, nodes);
  }

  private String render(String shell, String nodeIds) throws SQLException, IOException {
    List<Map.Entry<String, String>> nodes = new ArrayList<>();
    PreparedStatement s =
        prepared(
            "SELECT n.node_id, n.json FROM json_each(?) j JOIN node n ON n.id = j.value"
                + " ORDER BY j.key");
    s.setString(1, nodeIds);
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        nodes.add(new AbstractMap.SimpleImmutableEntry<>(r.getString(1), r.getString(2)));
      }
    }
    StringWriter out = new StringWriter();
    JsonParts.join(shell, nodes, out);
    return out.toString();
  }

  private static Conversation parse(String json, String name) throws IOException {
    byte[] bytes = ("[" + json + "]").getBytes(StandardCharsets.UTF_8);
    try (ExportReader reader =
            ExportReader.builder()
                .maxStringLength(Integer.MAX_VALUE)
                .open(new ByteArrayInputStream(bytes), name);
        Stream<Conversation> one = reader.conversations()) {
      return one.findFirst()
          .orElseThrow(() -> new IllegalStateException("no conversation in " + name));
    }
  }

  private Map<Integer, ArchivedExport> exportMap() throws SQLException {
    Map<Integer, ArchivedExport> out = new LinkedHashMap<>();
    try (Statement s = connection.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT number, file_name, size, sha256, account_id, export_time, added_at,"
                    + " partial, conversations FROM export ORDER BY number")) {
      while (r.next()) {
        String time = r.getString(6);
        out.put(
            r.getInt(1),
            new ArchivedExport(
                r.getInt(1),
                r.getString(2),
                r.getLong(3),
                r.getString(4),
                r.getString(5),
                time == null ? null : Instant.parse(time),
                Instant.parse(r.getString(7)),
                r.getInt(8) != 0,
                r.getInt(9)));
      }
    }
    return out;
  }

  private @Nullable ArchivedExport exportBySha(String sha) throws SQLException {
    for (ArchivedExport e : exportMap().values()) {
      if (e.sha256().equals(sha)) {
        return e;
      }
    }
    return null;
  }

  private @Nullable ArchivedExport exportByNumber(int number) throws SQLException {
    return exportMap().get(number);
  }

  private ImportReport reportOf(ArchivedExport e) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT new, changed, unchanged, deleted, reappeared,"
                + " assets_added FROM export WHERE number = ?")) {
      s.setInt(1, e.number());
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return new ImportReport(
            e, false, r.getInt(1), r.getInt(2), r.getInt(3), r.getInt(4), r.getInt(5), r.getInt(6));
      }
    }
  }

  private List<String> accounts() throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet r =
            s.executeQuery("SELECT DISTINCT account_id FROM export WHERE account_id IS NOT NULL")) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }

  private @Nullable Long longQuery(String sql, Object... args) throws SQLException {
    PreparedStatement s = prepared(sql);
    bind(s, args);
    try (ResultSet r = s.executeQuery()) {
      if (!r.next()) {
        return null;
      }
      long v = r.getLong(1);
      return r.wasNull() ? null : v;
    }
  }

  private @Nullable String stringQuery(String sql, Object... args) throws SQLException {
    PreparedStatement s = prepared(sql);
    bind(s, args);
    try (ResultSet r = s.executeQuery()) {
      return r.next() ? r.getString(1) : null;
    }
  }

  private static void bind(PreparedStatement s, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      s.setObject(i + 1, args[i]);
    }
  }

  /** A prepared statement kept for the archive's life (never closed by the caller). */
  private PreparedStatement prepared(String sql) throws SQLException {
    PreparedStatement s = statements.get(sql);
    if (s == null) {
      s = connection.prepareStatement(sql);
      statements.put(sql, s);
    }
    return s;
  }

  private long lastId() throws SQLException {
    try (ResultSet r = prepared("SELECT last_insert_rowid()").executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }

  private static void setLong(PreparedStatement s, int index, @Nullable Long value)
      throws SQLException {
    if (value == null) {
      s.setNull(index, java.sql.Types.INTEGER);
    } else {
      s.setLong(index, value);
    }
  }

  private static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }

  private void rollback() {
    try {
      connection.rollback();
    } catch (SQLException e) {
      // the add failed already; SQLite rolls back what was not committed when the connection closes
    }
  }

  private ArchiveException storage(SQLException e) {
    return new ArchiveException(
        ArchiveException.Reason.STORAGE,
        "the archive " + path + " could not be read: " + e.getMessage(),
        e);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the archive is closed");
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // nothing was written
    }
  }

  /**
   * Closes the file; nothing is pending, since every add commits or rolls back. Calling it again
   * does nothing. Throws nothing: a failure to release a statement or the connection is logged
   * through {@link System.Logger} (logger {@code io.github.chatexport.archive}, level {@code
   * WARNING}) and the rest is released all the same.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Indexer i = indexer;
    indexer = null;
    if (i != null) {
      try {
        i.close();
      } catch (SQLException | RuntimeException e) {
        closeFailed("the search indexer", e);
      }
    }
    for (PreparedStatement s : statements.values()) {
      try {
        s.close();
      } catch (SQLException | RuntimeException e) {
        closeFailed("a prepared statement", e);
      }
    }
    statements.clear();
    try {
      // Every add committed or rolled back already: this only ends the open transaction.
      connection.rollback();
    } catch (SQLException | RuntimeException e) {
      closeFailed("the open transaction", e);
    }
    try {
      connection.close();
    } catch (SQLException | RuntimeException e) {
      closeFailed("the connection", e);
    }
  }

  /**
   * Deletes a temporary file of this archive's; a failure is logged, never thrown (cleanup loses
   * nothing).
   */
  static void deleteTemporary(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException | RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          () -> "could not delete the temporary file " + file + ": " + e,
          e);
    }
  }

  private void closeFailed(String what, Exception e) {
    LOG.log(
        System.Logger.Level.WARNING,
        () -> "the archive " + path + ": could not release " + what + ": " + e,
        e);
  }

  @Override
  public String toString() {
    return "ChatArchive[" + path + "]";
  }
}
