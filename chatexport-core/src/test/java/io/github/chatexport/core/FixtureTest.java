package io.github.chatexport.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.api.Asset;
import io.github.chatexport.api.AssetReference;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Feedback;
import io.github.chatexport.api.LibraryFile;
import io.github.chatexport.api.SharedConversation;
import io.github.chatexport.api.Warning;
import io.github.chatexport.testdata.Fixture;
import io.github.chatexport.testdata.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture of chatexport-testdata, read and compared whole with its hand-written expected
 * result: everything the reader delivers is rendered, so an extra, missing or different line fails.
 */
class FixtureTest {
  @TempDir Path tmp;

  static Stream<Fixture> fileFixtures() {
    return Fixtures.all().stream().filter(f -> !f.isFolder() && f.expected().isPresent());
  }

  static Stream<Fixture> folderFixtures() {
    return Fixtures.all().stream().filter(f -> f.isFolder() && f.expected().isPresent());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fileFixtures")
  void readsFixtureFromFile(Fixture fixture) throws IOException {
    Path copy = fixture.copyTo(tmp);
    check(fixture, () -> ExportReader.open(copy), false);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fileFixtures")
  void readsFixtureInParallel(Fixture fixture) throws IOException {
    Path copy = fixture.copyTo(tmp);
    check(fixture, () -> ExportReader.builder().parallelism(2).open(copy), false);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fileFixtures")
  void readsFixtureFromStream(Fixture fixture) throws IOException {
    try (InputStream in = fixture.open()) {
      check(fixture, () -> ExportReader.open(in, fixture.path()), true);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("folderFixtures")
  void readsExportFolder(Fixture fixture) throws IOException {
    Path copy = fixture.copyTo(tmp);
    check(fixture, () -> ExportReader.open(copy), false);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("folderFixtures")
  void readsExportZip(Fixture fixture) throws IOException {
    Path zip = fixture.zipTo(tmp);
    check(fixture, () -> ExportReader.open(zip), false);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("folderFixtures")
  void readsExportZipInParallel(Fixture fixture) throws IOException {
    Path zip = fixture.zipTo(tmp);
    check(fixture, () -> ExportReader.builder().parallelism(3).open(zip), false);
  }

  /** Opens the fixture one way. */
  private interface Opener {
    ExportReader open() throws IOException;
  }

  private static void check(Fixture fixture, Opener opener, boolean iterate) throws IOException {
    String expected = String.join("\n", Expected.normalize(fixture.expected().orElseThrow()));
    assertThat(String.join("\n", read(fixture, opener, iterate)))
        .as(fixture.path())
        .isEqualTo(expected);
  }

  /**
   * Everything the reader delivers, in the order of FIXTURES.md. For a conversations-file fixture
   * the {@code layout} and {@code file} lines are left out: they tell how the harness named and
   * opened the copy (a file of its own name, or a stream), not what the fixture holds.
   */
  private static List<String> read(Fixture fixture, Opener opener, boolean iterate)
      throws IOException {
    boolean export = fixture.isFolder();
    List<String> head = new ArrayList<>();
    List<Conversation> read = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<String> tail = new ArrayList<>();
    List<Warning> exportWarnings = List.of();
    try (ExportReader reader = opener.open()) {
      try {
        if (export) {
          head.add("layout " + reader.layout().source() + " " + reader.layout().era());
        }
        reader
            .account()
            .ifPresent(
                a ->
                    head.add(
                        "account "
                            + a.id()
                            + " "
                            + (a.email() == null ? "null" : Expected.quote(a.email()))));
        if (export) {
          reader.files().forEach(f -> head.add("file " + f));
        }
        try {
          if (iterate) {
            Iterator<Conversation> it = reader.iterator();
            while (it.hasNext()) {
              read.add(it.next());
            }
          } else {
            try (Stream<Conversation> conversations = reader.conversations()) {
              conversations.forEach(read::add);
            }
          }
        } catch (ChatExportException e) {
          errors.add(Expected.error(e.location()));
        }
        Assets assets = reader.assets();
        for (Conversation c : read) {
          for (AssetReference r : assets.references(c)) {
            tail.add(
                "reference "
                    + c.id()
                    + " "
                    + r.messageId()
                    + " "
                    + r.kind()
                    + " "
                    + r.pointer()
                    + " "
                    + (r.asset() == null ? "missing" : r.asset().entry()));
          }
        }
        for (Asset a : assets.all()) {
          tail.add("asset " + a.id() + " " + a.entry() + " " + a.mimeType() + " " + a.size());
        }
        for (Feedback f : reader.feedback()) {
          tail.add(
              "feedback "
                  + f.rating()
                  + " "
                  + f.conversationId()
                  + " "
                  + (f.decodedContent() == null ? "null" : f.decodedContent().toJson()));
        }
        for (SharedConversation sc : reader.sharedConversations()) {
          tail.add("shared " + sc.id() + " " + sc.conversationId());
        }
        for (LibraryFile lf : reader.libraryFiles()) {
          tail.add("library " + lf.fileId() + " " + lf.mimeType());
        }
        reader
            .manifest()
            .ifPresent(m -> tail.add("manifest_shards " + String.join(" ", m.shards())));
      } catch (ChatExportException e) {
        errors.add(Expected.error(e.location()));
      } finally {
        exportWarnings = reader.warnings();
      }
    } catch (ChatExportException e) {
      errors.add(Expected.error(e.location()));
    }
    List<String> all = new ArrayList<>(head);
    for (Warning w : exportWarnings) {
      String entry = w.location().entry();
      all.add("export_warning " + w.kind() + " " + (entry == null ? "-" : entry));
    }
    all.addAll(Expected.render(read));
    all.addAll(errors);
    all.addAll(tail);
    return all;
  }
}
