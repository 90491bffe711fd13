package io.github.chatexport.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search benchmark runs end to end on a tiny export (the real run is by hand). */
class SearchBenchSmokeTest {
  @TempDir Path cache;

  @Test
  void measuresIndexingSizeAndEveryQuery() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status =
        SearchBench.run(
            new String[] {
              "--size",
              "512KB",
              "--rounds",
              "1",
              "--queries",
              "1",
              "--all",
              "true",
              "--cache",
              cache.toString()
            },
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(status).as(out).isZero();
    assertThat(out)
        .containsPattern("(?m)^indexing speed: \\d+\\.\\d\\d x the reader's")
        .containsPattern("(?m)^index size: .* \\d+\\.\\d\\d x the export's")
        .containsPattern(
            "(?m)^query time, median over 14 queries x 1 rounds after the first: \\d+\\.\\d ms");
    for (String q : SearchBench.QUERIES) {
      assertThat(out).contains("  " + q + " ");
    }
  }
}
