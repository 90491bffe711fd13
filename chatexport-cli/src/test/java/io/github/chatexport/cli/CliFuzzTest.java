package io.github.chatexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.core.ChatExportException;
import io.github.chatexport.core.ExportReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzz target (Jazzer) for the commands that turn an export into files and text:
 * {@code markdown} (twice, as a second run rewrites only what changed), {@code show} (every branch,
 * hidden messages) and {@code verify}, on a folder export whose conversations file is the input.
 * {@code mvn verify} replays {@code
 * src/test/resources/io/github/chatexport/cli/CliFuzzTestInputs/commands/}; {@code JAZZER_FUZZ=1}
 * fuzzes.
 *
 * <p>A finding is an exit status other than the documented ones (70, an internal error, above all),
 * an exception escaping a command, a file written outside the output folder, or commands that take
 * more than thirty seconds together.
 */
class CliFuzzTest {
  private static final Set<Integer> DOCUMENTED = Set.of(0, 1, 2, 3, 4);
  private static Path root = Path.of("");

  @BeforeAll
  static void makeRoot() throws IOException {
    root = Files.createTempDirectory("chatexport-cli-fuzz");
  }

  @AfterAll
  static void removeRoot() throws IOException {
    delete(root);
  }

  @FuzzTest(maxDuration = "10m")
  void commands(byte[] data) throws IOException {
    long start = System.nanoTime();
    Path dir = root.resolve("run");
    delete(dir);
    Path export = Files.createDirectories(dir.resolve("export"));
    Files.write(export.resolve("conversations.json"), data);
    Files.write(
        export.resolve("file-Ab12Cd34Ef56-picture.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    Path out = dir.resolve("notes");

    Cli.Result first = Cli.run("markdown", "-q", export, out);
    assertDocumented("markdown", first);
    assertDocumented("markdown again", Cli.run("markdown", "-q", export, out));
    assertDocumented("verify", Cli.run("verify", "-q", export));
    String query = firstId(export);
    assertDocumented("show", Cli.run("show", "-q", "--all-branches", "--hidden", export, query));
    assertDocumented("show in parallel", Cli.run("show", "-q", "-j", "2", export, query));

    // Not JUnit's @Timeout: while fuzzing, the campaign is one invocation, and JUnit's interrupt
    // would end a later
    // read as if that input were at fault.
    long took = System.nanoTime() - start;
    if (took > 30_000_000_000L) {
      throw new AssertionError("the commands took " + took / 1_000_000 + " ms");
    }

    // Nothing outside the output folder: the run's folder holds the export, as it was, and the
    // notes.
    try (Stream<Path> top = Files.list(dir)) {
      assertThat(top.map(p -> p.getFileName().toString()).sorted().toList())
          .isSubsetOf(List.of("export", "notes"));
    }
    try (Stream<Path> files = Files.list(export)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("conversations.json", "file-Ab12Cd34Ef56-picture.png");
    }
    if (Files.exists(out)) {
      Path real = out.toRealPath();
      try (Stream<Path> all = Files.walk(out)) {
        for (Path p : (Iterable<Path>) all::iterator) {
          assertThat(p.toRealPath().startsWith(real))
              .as("%s is inside the output folder", p)
              .isTrue();
        }
      }
    }
  }

  private static void assertDocumented(String what, Cli.Result result) {
    if (!DOCUMENTED.contains(result.status())) {
      throw new AssertionError(what + " ended with an undocumented status: " + result);
    }
  }

  /**
   * The first conversation's id, read through the library's public API, or a word when there is
   * none.
   */
  private static String firstId(Path export) {
    try (ExportReader reader = ExportReader.open(export)) {
      Iterator<Conversation> it = reader.iterator();
      if (it.hasNext()) {
        String id = it.next().id();
        return id.isEmpty() ? "a" : id;
      }
    } catch (ChatExportException | IOException | UncheckedIOException e) {
      // no conversation to show
    }
    return "a";
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
