package io.github.chatexport.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.core.ChatExportException;
import io.github.chatexport.core.ExportReader;
import io.github.chatexport.core.ExportWriter;
import io.github.chatexport.testdata.Fixtures;
import io.github.chatexport.testdata.generator.ExportGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An add recognises a conversation it met before by the SHA-256 of the bytes it was read from
 * ({@code version_source}): the archive must be the one that writing every conversation back to
 * JSON gives.
 */
class ArchiveSourceTest {
  @TempDir Path dir;

  /** Every table but {@code version_source}, and the export table without its {@code added_at}. */
  private static final List<String> TABLES =
      List.of(
          "SELECT number, file_name, size, sha256, account_id, export_time, partial, layout,"
              + " conversation_files, conversations, new, changed, unchanged, deleted, reappeared,"
              + " assets_added FROM export ORDER BY number",
          "SELECT * FROM node ORDER BY id",
          "SELECT * FROM version ORDER BY id",
          "SELECT * FROM export_version ORDER BY export, position",
          "SELECT * FROM conversation ORDER BY id",
          "SELECT * FROM export_file ORDER BY export, path",
          "SELECT * FROM search_conversations ORDER BY id",
          "SELECT * FROM search_texts ORDER BY id");

  private static String dump(Path archive) throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + archive);
        Statement s = c.createStatement()) {
      for (String sql : TABLES) {
        out.append(sql).append('\n');
        try (ResultSet r = s.executeQuery(sql)) {
          ResultSetMetaData m = r.getMetaData();
          while (r.next()) {
            for (int i = 1; i <= m.getColumnCount(); i++) {
              out.append(i > 1 ? " | " : "").append(r.getString(i));
            }
            out.append('\n');
          }
        }
      }
    }
    return out.toString();
  }

  private static int count(Path archive, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + archive);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getInt(1) : -1;
    }
  }

  private static void forgetSources(Path archive) throws SQLException {
    if (!Files.exists(archive)) {
      return;
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + archive);
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM version_source");
    }
  }

  /** Adds an export; as partial when its name says more than its month ("2025-04-truncated"). */
  private static void add(Path archive, Path export) throws IOException {
    try (ChatArchive a = ChatArchive.open(archive)) {
      a.add(
          export,
          AddOptions.DEFAULT.withPartial(
              export.getFileName().toString().length() > "2025-01".length()));
    }
  }

  /** What the add said of how it read each file (logged at DEBUG), in order. */
  private final List<String> readAs = new ArrayList<>();

  private final Logger logger = Logger.getLogger("io.github.chatexport.archive"); // held
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          String message = MessageFormat.format(r.getMessage(), r.getParameters());
          if (message.contains("read with the reader") || message.contains("recognised by")) {
            synchronized (readAs) {
              readAs.add(message);
            }
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private @Nullable Level level;

  @BeforeEach
  void listen() {
    level = logger.getLevel();
    logger.setLevel(Level.FINE);
    logger.addHandler(handler);
  }

  @AfterEach
  void stopListening() {
    logger.removeHandler(handler);
    logger.setLevel(level);
  }

  /**
   * 2025-01 as if downloaded again after 2025-03, without the conversation deleted since and with a
   * new one: the newest export, whose other conversations are the bytes of 2025-01's versions,
   * which are no longer on top.
   */
  private static Path januaryAgain(Path sequence) throws IOException {
    Path again = sequence.resolve("2025-01-again");
    Files.createDirectories(again);
    Files.copy(sequence.resolve("2025-01/user.json"), again.resolve("user.json"));
    String json = Files.readString(sequence.resolve("2025-01/conversations.json"));
    String deleted = "\"id\": \"c0000003-deleted\"}, ";
    int start = json.indexOf("{\"title\": \"Landlord letter\"");
    int end = json.indexOf(deleted) + deleted.length();
    assertThat(start).isPositive().isLessThan(end);
    String later =
        "{\"title\": \"Later\", \"create_time\": 1790000000.5, \"update_time\": 1790000010.5,"
            + " \"mapping\": {\"z-root\": {\"id\": \"z-root\", \"message\": null, \"parent\": null,"
            + " \"children\": []}}, \"current_node\": \"z-root\", \"id\": \"c0000009-later\"}, ";
    Files.writeString(
        again.resolve("conversations.json"),
        json.substring(0, start) + later + json.substring(end));
    return again;
  }

  @Test
  void recognisingBytesGivesTheArchiveThatWritingBackGives() throws Exception {
    Path sequence = Fixtures.get("archive/account-sam/").copyTo(dir);
    januaryAgain(sequence);
    for (List<String> order :
        List.of(
            List.of("2025-01", "2025-02", "2025-03"),
            List.of("2025-03", "2025-02", "2025-01"),
            List.of("2025-01", "2025-03", "2025-02"),
            // the bytes of versions below the top, in the newest export: merged again
            List.of("2025-01", "2025-02", "2025-03", "2025-01-again"),
            List.of(
                "2025-01",
                "2025-02",
                "2025-04-truncated",
                "2025-03",
                "2025-05-empty",
                "2025-06-missing-shard"))) {
      Path recognised = dir.resolve("recognised-" + String.join("-", order) + ".sqlite");
      Path writtenBack = dir.resolve("written-back-" + String.join("-", order) + ".sqlite");
      for (String name : order) {
        add(recognised, sequence.resolve(name));
        forgetSources(writtenBack);
        add(writtenBack, sequence.resolve(name));
      }
      assertThat(dump(recognised)).as("%s", order).isEqualTo(dump(writtenBack));
      assertThat(count(recognised, "SELECT count(*) FROM version_source")).isPositive();
    }
    // Worked out from the fixtures' bytes: the first add of each order has nothing to recognise,
    // and the written-back archive never has. 2025-02 shares only c0000006's bytes with 2025-01,
    // 2025-03 holds 2025-02's four and 2025-01's c0000004.
    assertThat(readAs)
        .containsExactly(
            "conversations.json: 1 of 4 conversations recognised by their bytes, not parsed",
            "conversations.json: 5 of 5 conversations recognised by their bytes, not parsed",
            "conversations.json: 4 of 4 conversations recognised by their bytes, not parsed",
            "conversations.json: 2 of 6 conversations recognised by their bytes, not parsed",
            "conversations.json: 2 of 5 conversations recognised by their bytes, not parsed",
            "conversations.json: 4 of 4 conversations recognised by their bytes, not parsed",
            "conversations.json: 1 of 4 conversations recognised by their bytes, not parsed",
            "conversations.json: 5 of 5 conversations recognised by their bytes, not parsed",
            "conversations.json: 5 of 6 conversations recognised by their bytes, not parsed",
            "conversations.json: 1 of 4 conversations recognised by their bytes, not parsed",
            "conversations.json: read with the reader: not one array of objects to its end",
            "conversations.json: 5 of 5 conversations recognised by their bytes, not parsed",
            "conversations.json: 0 of 0 conversations recognised by their bytes, not parsed",
            "conversations-000.json: 1 of 1 conversations recognised by their bytes, not parsed");
  }

  @Test
  void conversationsNotRecognisedPastWhatTheScanKeepsAreReadAgainOrTheFileWithTheReader()
      throws Exception {
    Path sequence = Fixtures.get("archive/account-sam/").copyTo(dir);
    januaryAgain(sequence);
    Path recognised = dir.resolve("recognised.sqlite");
    Path writtenBack = dir.resolve("written-back.sqlite");
    long kept = ChatArchive.scanKept;
    ChatArchive.scanKept = 0; // keep nothing not recognised
    try {
      for (String name : List.of("2025-01", "2025-02", "2025-03", "2025-01-again")) {
        add(recognised, sequence.resolve(name));
        forgetSources(writtenBack);
        add(writtenBack, sequence.resolve(name));
      }
    } finally {
      ChatArchive.scanKept = kept;
    }
    assertThat(dump(recognised)).isEqualTo(dump(writtenBack));
    // 2025-02's first conversation is new, and more than a third of what was scanned; the one
    // new conversation of 2025-01-again is parsed again from a second scan
    assertThat(readAs)
        .containsExactly(
            "conversations.json: read with the reader: most of it is new",
            "conversations.json: 5 of 5 conversations recognised by their bytes, not parsed",
            "conversations.json: 5 of 6 conversations recognised by their bytes, not parsed"
                + " (the file scanned twice)");
  }

  /**
   * A generated export, then the same a month later with twelve of its conversations retitled and
   * one message longer: many conversations not recognised, among recognised ones, more than the
   * parsing runs ahead of the add. Kept as parsed, and (keeping nothing) parsed again from a second
   * scan, each gives the archive that writing back gives.
   */
  @Test
  void manyConversationsNotRecognisedAreStoredInTheirPlaces() throws Exception {
    Path generated = dir.resolve("generated.json");
    ExportGenerator.builder().seed(3).conversations(80).build().writeConversationsJson(generated);
    List<Conversation> first;
    try (ExportReader reader = ExportReader.open(generated);
        Stream<Conversation> all = reader.conversations()) {
      first = all.toList();
    }
    // the twelve smallest after the tenth, so that what is new stays under a third of what is
    // scanned at every point (more, and the add reads the file with the reader instead)
    Set<Integer> change =
        IntStream.range(10, first.size())
            .boxed()
            .filter(i -> first.get(i).updateTime() != null)
            .sorted(Comparator.comparingInt(i -> ExportWriter.toJson(first.get(i)).length()))
            .limit(12)
            .collect(Collectors.toSet());
    List<Conversation> later = new ArrayList<>();
    int changed = 0;
    for (int i = 0; i < first.size(); i++) {
      Conversation c = first.get(i);
      if (change.contains(i) && c.updateTime() != null) {
        c =
            Grown.afterLeaf(c, "later-" + i, m -> m)
                .withTitle("Later " + i)
                .withTimes(c.createTime(), c.updateTime().plus(Duration.ofDays(30)));
        changed++;
      }
      later.add(c);
    }
    assertThat(changed).isGreaterThan(8);
    Path month1 = write(dir.resolve("gen-1"), first);
    Path month2 = write(dir.resolve("gen-2"), later);
    long kept = ChatArchive.scanKept;
    try {
      for (long keep : new long[] {kept, 0}) {
        ChatArchive.scanKept = keep;
        Path recognised = dir.resolve("recognised-" + keep + ".sqlite");
        Path writtenBack = dir.resolve("written-back-" + keep + ".sqlite");
        readAs.clear();
        for (Path month : List.of(month1, month2)) {
          add(recognised, month);
          forgetSources(writtenBack);
          add(writtenBack, month);
        }
        assertThat(dump(recognised)).as("kept %d", keep).isEqualTo(dump(writtenBack));
        assertThat(readAs)
            .containsExactly(
                "conversations.json: "
                    + (first.size() - changed)
                    + " of "
                    + first.size()
                    + " conversations recognised by their bytes, not parsed"
                    + (keep == 0 ? " (the file scanned twice)" : ""));
      }
    } finally {
      ChatArchive.scanKept = kept;
    }
  }

  private static Path write(Path folder, List<Conversation> conversations) throws IOException {
    Files.createDirectories(folder);
    try (ExportWriter w = ExportWriter.open(folder.resolve("conversations.json"))) {
      for (Conversation c : conversations) {
        w.write(c);
      }
    }
    return folder;
  }

  /** {@code ../shared/corpus} (public samples written by others, never copied here), or null. */
  private static @Nullable Path corpus() {
    String property = System.getProperty("chatexport.corpus");
    if (property != null) {
      return Path.of(property);
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path parent = d.getParent();
      if (parent != null && Files.isDirectory(parent.resolve("shared/corpus"))) {
        return parent.resolve("shared/corpus");
      }
    }
    return null;
  }

  /**
   * Each conversations file of the corpus's samples, added and then added again as if downloaded
   * again (the same conversations, the file one line longer, so another export): the second add
   * recognises what it can, or reads with the reader, and gives the archive that writing back
   * gives. Skipped without the corpus (a fresh clone).
   */
  @Test
  void theCorpusAddedTwiceGivesTheArchiveThatWritingBackGives() throws Exception {
    Path corpus = corpus();
    assumeTrue(corpus != null, "../shared/corpus is absent");
    List<Path> samples = new ArrayList<>();
    try (Stream<Path> all = Files.walk(corpus, 2)) {
      all.filter(f -> f.toString().endsWith(".json") && !f.getParent().equals(corpus))
          .filter(f -> !f.getFileName().toString().startsWith("export_manifest"))
          .sorted()
          .forEach(samples::add);
    }
    assumeTrue(!samples.isEmpty(), "the corpus holds no JSON file");
    int recognisedSomething = 0;
    for (Path sample : samples) {
      String name = corpus.relativize(sample).toString().replace('/', '-');
      Path first = dir.resolve("first-" + name);
      Path again = dir.resolve("again-" + name);
      Files.copy(sample, first);
      Files.write(again, Files.readAllBytes(sample));
      Files.writeString(again, "\n", StandardOpenOption.APPEND);
      Path recognised = dir.resolve("recognised-" + name + ".sqlite");
      Path writtenBack = dir.resolve("written-back-" + name + ".sqlite");
      readAs.clear();
      try {
        add(recognised, first);
        add(writtenBack, first);
      } catch (ChatExportException e) {
        continue; // not an export the archive takes (CorpusTest covers what the reader says)
      }
      add(recognised, again);
      forgetSources(writtenBack);
      add(writtenBack, again);
      assertThat(dump(recognised)).as(name).isEqualTo(dump(writtenBack));
      if (readAs.stream().anyMatch(m -> m.contains("recognised by"))) {
        recognisedSomething++;
      }
    }
    assertThat(recognisedSomething).isPositive();
  }

  @Test
  void aTruncatedExportIsRefusedWithTheErrorThatReadingItGives() throws Exception {
    Path sequence = Fixtures.get("archive/account-sam/").copyTo(dir);
    Path recognised = dir.resolve("recognised.sqlite");
    add(recognised, sequence.resolve("2025-01"));
    Path truncated = sequence.resolve("2025-04-truncated");
    String expected;
    try (ExportReader reader = ExportReader.open(truncated);
        Stream<Conversation> all = reader.conversations()) {
      expected = catchThrowable(() -> all.forEach(c -> {})).getMessage();
    }
    try (ChatArchive a = ChatArchive.open(recognised)) {
      assertThatThrownBy(() -> a.add(truncated))
          .isInstanceOf(ChatExportException.class)
          .hasMessage(expected);
    }
    assertThat(readAs)
        .containsExactly(
            "conversations.json: read with the reader: not one array of objects to its end");
  }

  @Test
  void aConversationTwiceInOneFileIsAddedAsReadingItGives() throws Exception {
    Path sequence = Fixtures.get("archive/account-sam/").copyTo(dir);
    Path twice = dir.resolve("2025-02-twice");
    Files.createDirectories(twice);
    Files.copy(sequence.resolve("2025-02/user.json"), twice.resolve("user.json"));
    String json = Files.readString(sequence.resolve("2025-02/conversations.json"));
    int second = json.indexOf("}, {\"title\"") + 1; // the first conversation's end
    assertThat(second).isPositive();
    Files.writeString(
        twice.resolve("conversations.json"),
        json.substring(0, second) + ", " + json.substring(1, second) + json.substring(second));
    Path recognised = dir.resolve("recognised.sqlite");
    Path writtenBack = dir.resolve("written-back.sqlite");
    add(recognised, sequence.resolve("2025-01"));
    add(writtenBack, sequence.resolve("2025-01"));
    forgetSources(writtenBack);
    add(recognised, twice);
    add(writtenBack, twice);
    assertThat(dump(recognised)).isEqualTo(dump(writtenBack));
    assertThat(readAs).hasSize(1);
    assertThat(readAs.get(0))
        .startsWith("conversations.json: read with the reader: the conversation ")
        .endsWith(" twice");
  }

  @Test
  void aRowThatNamesAnotherConversationsVersionIsNotTrusted() throws Exception {
    Path sequence = Fixtures.get("archive/account-sam/").copyTo(dir);
    Path recognised = dir.resolve("recognised.sqlite");
    Path writtenBack = dir.resolve("written-back.sqlite");
    add(recognised, sequence.resolve("2025-01"));
    add(writtenBack, sequence.resolve("2025-01"));
    // every row now names the version of some other conversation
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + recognised);
        Statement s = c.createStatement()) {
      assertThat(
              s.executeUpdate(
                  "UPDATE version_source SET version = (SELECT o.id FROM version o WHERE"
                      + " o.conversation_id <> (SELECT v.conversation_id FROM version v"
                      + " WHERE v.id = version_source.version) ORDER BY o.id LIMIT 1)"))
          .isPositive();
    }
    forgetSources(writtenBack);
    add(recognised, sequence.resolve("2025-02"));
    add(writtenBack, sequence.resolve("2025-02"));
    assertThat(dump(recognised)).isEqualTo(dump(writtenBack));
  }

  @Test
  void aVersionOneArchiveIsBroughtForwardAndAddsAsBefore() throws Exception {
    Path sequence = Fixtures.get("archive/account-sam/").copyTo(dir);
    Path old = dir.resolve("old.sqlite");
    Path fresh = dir.resolve("fresh.sqlite");
    add(old, sequence.resolve("2025-01"));
    add(fresh, sequence.resolve("2025-01"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE file_stamp"); // as version 1 wrote it
      s.execute("DROP TABLE export_stamp");
      s.execute("DROP TABLE version_source");
      s.execute("PRAGMA user_version = 1");
    }
    forgetSources(fresh);
    add(old, sequence.resolve("2025-02"));
    add(fresh, sequence.resolve("2025-02"));
    assertThat(count(old, "PRAGMA user_version")).isEqualTo(3);
    assertThat(count(old, "SELECT count(*) FROM version_source")).isPositive();
    assertThat(dump(old)).isEqualTo(dump(fresh));
  }
}
