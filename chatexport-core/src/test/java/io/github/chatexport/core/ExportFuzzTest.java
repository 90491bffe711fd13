package io.github.chatexport.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.chatexport.api.Conversation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzz targets (Jazzer) over the public API. {@code mvn verify} replays the inputs
 * committed under {@code
 * src/test/resources/io/github/chatexport/core/ExportFuzzTestInputs/<method>/} (a corpus and every
 * past finding, by name); {@code JAZZER_FUZZ=1} fuzzes one target (see the README, section on
 * testing).
 *
 * <p>A finding is: any exception other than {@link ChatExportException} or {@link IOException}
 * escaping the API, any {@code Error}, a read that takes more than ten seconds, a {@code
 * parallelism(2)} read that differs from the serial one, or a conversation that the writer does not
 * write back to the same records.
 */
class ExportFuzzTest {
  private static Path root = Path.of("");

  @BeforeAll
  static void makeRoot() throws IOException {
    root = Files.createTempDirectory("chatexport-fuzz");
  }

  @AfterAll
  static void removeRoot() throws IOException {
    delete(root);
  }

  /**
   * One conversations JSON file, read serially and in parallel; then written back and read again.
   */
  @FuzzTest(maxDuration = "10m")
  void conversationsFile(byte[] data) throws IOException {
    Path file = fresh().resolve("conversations.json");
    Files.write(file, data);
    WholeRead serial = assertSameInParallel(file);
    assertWritesBack(serial);
  }

  /** A chat.html export (the jsonData array in a page), alone in a folder. */
  @FuzzTest(maxDuration = "10m")
  void chatHtml(byte[] data) throws IOException {
    Path dir = fresh();
    Files.write(dir.resolve("chat.html"), data);
    assertSameInParallel(dir);
  }

  /**
   * Any bytes as a ZIP export: damaged central directories, salvaged local headers, inflation
   * bounds.
   */
  @FuzzTest(maxDuration = "10m")
  void zip(byte[] data) throws IOException {
    Path zip = fresh().resolve("export.zip");
    Files.write(zip, data);
    assertSameInParallel(zip);
  }

  private static final String[] NAMES = {
    "conversations.json",
    "conversations-000.json",
    "conversations-001.json",
    "export_manifest.json",
    "user.json",
    "message_feedback.json",
    "shared_conversations.json",
    "model_comparisons.json",
    "library_files.json",
    "conversation_asset_file_names.json",
    "chat.html",
    "textdocs/doc.json",
    "user_settings.json",
    "file-abc-image.png",
    "dalle-generations/x.webp",
    "top/user.json",
    "top/conversations.json",
    "../escape.json",
    "__MACOSX/._conversations.json"
  };

  /**
   * A whole export built from the input: a few named files (conversations, shards and manifest,
   * account, the other JSON files, assets) in a folder, a ZIP, or a Privacy Portal archive of
   * export ZIPs.
   */
  @FuzzTest(maxDuration = "10m")
  void export(FuzzedDataProvider data) throws IOException {
    int container = data.consumeInt(0, 2);
    int count = data.consumeInt(1, 5);
    List<String> names = new ArrayList<>();
    List<byte[]> contents = new ArrayList<>();
    for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
      String name = NAMES[data.consumeInt(0, NAMES.length - 1)];
      if (names.contains(name)) {
        continue;
      }
      names.add(name);
      contents.add(
          i == count - 1
              ? data.consumeRemainingAsBytes()
              : data.consumeBytes(data.consumeInt(0, 1 << 16)));
    }
    Path dir = fresh();
    Path export;
    if (container == 0) {
      export = dir.resolve("export");
      for (int i = 0; i < names.size(); i++) {
        if (names.get(i).contains("..")) {
          continue;
        }
        Path file = export.resolve(names.get(i));
        Files.createDirectories(file.getParent());
        Files.write(file, contents.get(i));
      }
      Files.createDirectories(export);
    } else {
      byte[] zip = zip(names, contents);
      export = dir.resolve("export.zip");
      Files.write(
          export,
          container == 1
              ? zip
              : zip(
                  List.of("Conversations__2026-12-01.zip", "Files__2026-12-01.zip"),
                  List.of(zip, zip(List.of(), List.of()))));
    }
    assertSameInParallel(export);
  }

  /**
   * Writes each conversation back (ExportWriter) and reads it again: the same records, warnings
   * aside.
   */
  private static void assertWritesBack(WholeRead read) throws IOException {
    if (read.conversations().isEmpty()) {
      return;
    }
    Path written = fresh().resolve("written.json");
    try (ExportWriter out = ExportWriter.open(written)) {
      for (Conversation c : read.conversations()) {
        out.write(c);
      }
    }
    List<Conversation> again;
    try (ExportReader in = ExportReader.open(written);
        Stream<Conversation> all = in.conversations()) {
      again = all.toList();
    } catch (ChatExportException | UncheckedIOException e) {
      throw new AssertionError("what the writer wrote does not read back", e);
    }
    assertThat(again).hasSameSizeAs(read.conversations());
    for (int i = 0; i < again.size(); i++) {
      Conversation before = read.conversations().get(i).withWarnings(List.of());
      Conversation after = again.get(i).withWarnings(List.of());
      if (!before.equals(after)) {
        throw new AssertionError(
            "conversation "
                + i
                + " written and read again: "
                + Conversations.difference(before, after));
      }
    }
  }

  /**
   * The most one read of an input may take. Not JUnit's {@code @Timeout}: while fuzzing, the whole
   * campaign is one test invocation, and the interrupt JUnit sends after the timeout would end a
   * later read as if the input were at fault.
   */
  static final long SLOW_NANOS = 10_000_000_000L;

  private static WholeRead assertSameInParallel(Path path) {
    long start = System.nanoTime();
    WholeRead serial = WholeRead.of(ExportReader.builder(), path);
    assertFast("the serial read", start);
    start = System.nanoTime();
    WholeRead parallel = WholeRead.of(ExportReader.builder().parallelism(2), path);
    assertFast("the parallel read", start);
    String difference = serial.firstDifference(parallel);
    if (difference != null) {
      throw new AssertionError("parallelism(2) against the serial read: " + difference);
    }
    return serial;
  }

  private static void assertFast(String what, long start) {
    long took = System.nanoTime() - start;
    if (took > SLOW_NANOS) {
      throw new AssertionError(what + " took " + took / 1_000_000 + " ms");
    }
  }

  static byte[] zip(List<String> names, List<byte[]> contents) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes, UTF_8)) {
      for (int i = 0; i < names.size(); i++) {
        out.putNextEntry(new ZipEntry(names.get(i)));
        out.write(contents.get(i));
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static int counter;

  /** A new, empty folder under the root; the previous input's files are removed. */
  private static Path fresh() throws IOException {
    Path dir = root.resolve("in-" + (counter++ % 4));
    delete(dir);
    Files.createDirectories(dir);
    return dir;
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
