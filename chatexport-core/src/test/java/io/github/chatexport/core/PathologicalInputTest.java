package io.github.chatexport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Warning;
import io.github.chatexport.testdata.HostileShapes;
import io.github.chatexport.testdata.HostileShapes.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every odd or hostile shape of input ({@link HostileShapes}) at a size where a quadratic reader
 * takes many seconds (the mapping scan that placed each warning took 7 s for 40,000 missing
 * parents) and a linear one a fraction of one, read under a generous timeout, in the style of
 * commonmark-java's {@code PathologicalTest}. The timeout is what only a super-linear algorithm
 * exceeds, even on a loaded machine; the figures at growing sizes are {@code
 * HostileShapesBenchmark}'s. Each read is also checked for what it must give: the conversations and
 * the warnings of each kind, all kept.
 */
class PathologicalInputTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final int N = 40_000;

  @TempDir Path tmp;

  /**
   * Each shape with its size and the conversations and warnings by kind that reading it must give.
   */
  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(
            Shape.CHAIN_EMPTY_CHILDREN, N, 1, Map.of(Warning.Kind.CHILDREN_MISMATCH, N - 1)),
        Arguments.of(
            Shape.MISSING_PARENTS,
            N,
            1,
            Map.of(Warning.Kind.PARENT_MISSING, N, Warning.Kind.MULTIPLE_ROOTS, 1)),
        Arguments.of(Shape.DANGLING_CHILDREN, N, 1, Map.of(Warning.Kind.CHILD_MISSING, N)),
        Arguments.of(Shape.CHILDREN_DISAGREE, N, 1, Map.of(Warning.Kind.CHILDREN_MISMATCH, N - 1)),
        Arguments.of(
            Shape.SHORT_CYCLES,
            N,
            1,
            Map.of(Warning.Kind.CYCLE, N / 2, Warning.Kind.MULTIPLE_ROOTS, 1)),
        Arguments.of(Shape.ONE_LONG_CYCLE, N, 1, Map.of(Warning.Kind.CYCLE, 1)),
        Arguments.of(
            Shape.SEVERAL_ROOTS,
            N,
            1,
            Map.of(Warning.Kind.MULTIPLE_ROOTS, 1, Warning.Kind.CURRENT_NODE_UNKNOWN, 1)),
        Arguments.of(
            Shape.CURRENT_NODE_MISSING, N, 1, Map.of(Warning.Kind.CURRENT_NODE_MISSING, 1)),
        Arguments.of(
            Shape.TYPE_MISMATCHES,
            N / 4,
            1,
            Map.of(
                Warning.Kind.TYPE_MISMATCH,
                7 + 15 * (N / 4),
                Warning.Kind.NODE_ID_MISMATCH,
                N / 4)),
        Arguments.of(Shape.UNKNOWN_CONTENT, N / 2, 1, Map.of()),
        // A node with N repeats of "x" and of "children", and metadata of N members under 50 keys.
        Arguments.of(
            Shape.DUPLICATE_KEYS,
            N,
            1,
            Map.of(
                Warning.Kind.DUPLICATE_NODE,
                N - 1,
                Warning.Kind.DUPLICATE_KEY,
                2 * (N - 1) + N - 50)),
        Arguments.of(
            Shape.MANY_WARNINGS,
            N / 4,
            1,
            Map.of(
                Warning.Kind.PARENT_MISSING,
                N / 4,
                Warning.Kind.CHILD_MISSING,
                N / 4,
                Warning.Kind.NODE_ID_MISMATCH,
                N / 4)),
        Arguments.of(Shape.WIDE_NODE, N, 1, Map.of()),
        Arguments.of(Shape.MANY_CONVERSATIONS, 5 * N / 2, 5 * N / 2, Map.of()),
        Arguments.of(Shape.LONG_STRING, N / 2, 1, Map.of()),
        Arguments.of(Shape.DEEP_NESTING, N / 2, 1, Map.of()),
        Arguments.of(
            Shape.HUGE_NUMBERS, N / 8, 1, Map.of(Warning.Kind.TYPE_MISMATCH, (N / 8) * 5 / 2)));
  }

  @ParameterizedTest(name = "{0} at {1}")
  @MethodSource("shapes")
  void readsEveryShapeInLinearTime(
      Shape shape, int n, int conversations, Map<Warning.Kind, Integer> expected)
      throws IOException {
    Path file =
        Files.write(tmp.resolve("conversations.json"), HostileShapes.conversations(shape, n));
    Map<Warning.Kind, Integer> counts =
        assertTimeoutPreemptively(TIMEOUT, () -> read(ExportReader.builder(), file, conversations));
    for (Map.Entry<Warning.Kind, Integer> e : expected.entrySet()) {
      assertThat(counts.get(e.getKey())).as("%s warnings", e.getKey()).isEqualTo(e.getValue());
    }
  }

  /**
   * The same shapes in parallel, from a ZIP and from chat.html, at an eighth of the size (each is a
   * full read).
   */
  @ParameterizedTest(name = "{0} at {1}")
  @MethodSource("shapes")
  void readsEveryShapeInLinearTimeInParallelFromAZipAndFromChatHtml(
      Shape shape, int n, int conversations, Map<Warning.Kind, Integer> expected)
      throws IOException {
    byte[] json = HostileShapes.conversations(shape, n / 8);
    Path plain = Files.write(tmp.resolve("conversations.json"), json);
    Path zip = Files.write(tmp.resolve("export.zip"), HostileShapes.zip(json));
    Path html = Files.createDirectories(tmp.resolve("html"));
    Files.write(html.resolve("chat.html"), HostileShapes.chatHtml(json));
    Map<Warning.Kind, Integer> serial = read(ExportReader.builder(), plain, -1);
    for (Path input : List.of(plain, zip, html)) {
      Map<Warning.Kind, Integer> parallel =
          assertTimeoutPreemptively(
              TIMEOUT, () -> read(ExportReader.builder().parallelism(2), input, -1));
      assertThat(parallel).as("%s in parallel", input.getFileName()).isEqualTo(serial);
    }
  }

  /** Reads everything and counts the warnings by kind (conversations' and the export's). */
  private static Map<Warning.Kind, Integer> read(
      ExportReader.Builder builder, Path path, int conversations) throws IOException {
    Map<Warning.Kind, Integer> counts = new EnumMap<>(Warning.Kind.class);
    int read = 0;
    try (ExportReader export = builder.open(path);
        Stream<Conversation> all = export.conversations()) {
      for (Conversation c : (Iterable<Conversation>) all::iterator) {
        read++;
        assertThat(c.activeBranch().nodes()).isNotNull();
        for (Warning w : c.warnings()) {
          counts.merge(w.kind(), 1, Integer::sum);
        }
      }
      for (Warning w : export.warnings()) {
        counts.merge(w.kind(), 1, Integer::sum);
      }
    }
    if (conversations >= 0) {
      assertThat(read).as("conversations").isEqualTo(conversations);
    }
    return new TreeMap<>(counts);
  }
}
