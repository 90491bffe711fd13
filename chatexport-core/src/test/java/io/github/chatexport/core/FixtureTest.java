package io.github.chatexport.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.api.Asset;
import io.github.chatexport.api.AssetReference;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Feedback;
import io.github.chatexport.api.LibraryFile;
import io.github.chatexport.api.SharedConversation;
import io.github.chatexport.api.Warning;
import io.github.chatexport.api.Location;
import io.github.chatexport.testdata.Fixture;
import io.github.chatexport.testdata.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fixture of chatexport-testdata, read and compared with its hand-written expected result. */
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
    check(fixture, fixture.copyTo(tmp));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fileFixtures")
  void readsFixtureInParallel(Fixture fixture) throws IOException {
    check(fixture, fixture.copyTo(tmp), ExportReader.builder().parallelism(2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("folderFixtures")
  void readsExportZipInParallel(Fixture fixture) throws IOException {
    check(fixture, fixture.zipTo(tmp), ExportReader.builder().parallelism(3));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fileFixtures")
  void readsFixtureFromStream(Fixture fixture) throws IOException {
    List<Conversation> read = new ArrayList<>();
    Location error = null;
    try (InputStream in = fixture.open()) {
      try (ExportReader export = ExportReader.open(in, fixture.path())) {
        Iterator<Conversation> it = export.iterator();
        while (it.hasNext()) {
          read.add(it.next());
        }
      } catch (ChatExportException e) {
        error = e.location();
      }
    }
    compare(fixture, null, read, error);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("folderFixtures")
  void readsExportFolder(Fixture fixture) throws IOException {
    check(fixture, fixture.copyTo(tmp));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("folderFixtures")
  void readsExportZip(Fixture fixture) throws IOException {
    check(fixture, fixture.zipTo(tmp));
  }

  private void check(Fixture fixture, Path path) throws IOException {
    check(fixture, path, ExportReader.builder());
  }

  private void check(Fixture fixture, Path path, ExportReader.Builder builder) throws IOException {
    List<Conversation> read = new ArrayList<>();
    Location error = null;
    List<String> head = new ArrayList<>();
    List<String> tail = new ArrayList<>();
    try (ExportReader export = builder.open(path)) {
      head.add("layout " + export.layout().source() + " " + export.layout().era());
      export.account().ifPresent(a -> head.add(
          "account " + a.id() + " " + (a.email() == null ? "null" : Expected.quote(a.email()))));
      export.files().forEach(f -> head.add("file " + f));
      try (Stream<Conversation> conversations = export.conversations()) {
        conversations.forEach(read::add);
      } catch (ChatExportException e) {
        error = e.location();
      }
      for (Warning w : export.warnings()) {
        String entry = w.location().entry();
        head.add("export_warning " + w.kind() + " " + (entry == null ? "-" : entry));
      }
      Assets assets = export.assets();
      for (Conversation c : read) {
        for (AssetReference r : assets.references(c)) {
          tail.add("reference " + c.id() + " " + r.messageId() + " " + r.kind() + " " + r.pointer() + " "
              + (r.asset() == null ? "missing" : r.asset().entry()));
        }
      }
      for (Asset a : assets.all()) {
        tail.add("asset " + a.id() + " " + a.entry() + " " + a.mimeType() + " " + a.size());
      }
      for (Feedback f : export.feedback()) {
        tail.add("feedback " + f.rating() + " " + f.conversationId() + " "
            + (f.decodedContent() == null ? "null" : f.decodedContent().toJson()));
      }
      for (SharedConversation sc : export.sharedConversations()) {
        tail.add("shared " + sc.id() + " " + sc.conversationId());
      }
      for (LibraryFile lf : export.libraryFiles()) {
        tail.add("library " + lf.fileId() + " " + lf.mimeType());
      }
      export.manifest().ifPresent(m -> tail.add("manifest_shards " + String.join(" ", m.shards())));
    } catch (ChatExportException e) {
      error = e.location();
    }
    List<String> expected = Expected.normalize(fixture.expected().orElseThrow());
    Set<String> keys = Expected.keys(expected);
    List<String> all = new ArrayList<>(head);
    List<String> body = Expected.render(null, read, error);
    all.addAll(body);
    all.addAll(tail);
    List<String> actual = all.stream().filter(line -> keys.contains(Expected.key(line))).toList();
    assertThat(String.join("\n", actual)).as(fixture.path()).isEqualTo(String.join("\n", expected));
  }

  private static void compare(
      Fixture fixture, @Nullable String account, List<Conversation> read, @Nullable Location error) {
    List<String> expected = Expected.normalize(fixture.expected().orElseThrow());
    Set<String> keys = Expected.keys(expected);
    List<String> actual = Expected.render(account, read, error).stream()
        .filter(line -> keys.contains(Expected.key(line)))
        .toList();
    assertThat(String.join("\n", actual)).as(fixture.path()).isEqualTo(String.join("\n", expected));
  }
}
