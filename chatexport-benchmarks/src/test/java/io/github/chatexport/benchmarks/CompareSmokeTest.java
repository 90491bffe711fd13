package io.github.chatexport.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison and the memory check run end to end on a tiny export (the real runs are by hand).
 */
class CompareSmokeTest {
  @TempDir Path cache;

  @Test
  void compareMeasuresEveryPassAndPrintsRatios() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status =
        Compare.run(
            new String[] {
              "--size", "2MB", "--warmup", "0", "--rounds", "1", "--cache", cache.toString()
            },
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(status).as(out).isZero();
    assertThat(out).doesNotContain("FAILED").contains("machine: ", "cores", "max heap", "Java ");
    assertThat(out).containsPattern("(?m)^1 +floor: .* 1\\.00 x \\(1\\)");
    assertThat(out).containsPattern("(?m)^2 +databind: .* \\d+\\.\\d\\d x \\(1\\)");
    assertThat(out)
        .containsPattern(
            "(?m)^3 +ExportReader: .* \\d+\\.\\d\\d x \\(1\\) +\\d+\\.\\d\\d x \\(2\\)");
    assertThat(out).containsPattern("(?m)^1z +floor over the inflating .* 1\\.00 x \\(1z\\)");
    assertThat(out).containsPattern("(?m)^4 +ExportReader from the ZIP.* \\d+\\.\\d\\d x \\(1z\\)");
    assertThat(out)
        .containsPattern("(?m)^5 +(parallel reading: not available|ExportReader, parallelism)");
  }

  @Test
  void compareReusesTheGeneratedExport() throws IOException {
    String[] args = {
      "--size", "1MB", "--warmup", "0", "--rounds", "1", "--cache", cache.toString()
    };
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    Compare.run(args, new PrintStream(first, true, StandardCharsets.UTF_8));
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    Compare.run(args, new PrintStream(second, true, StandardCharsets.UTF_8));
    assertThat(first.toString(StandardCharsets.UTF_8)).contains("generating 1MB");
    assertThat(second.toString(StandardCharsets.UTF_8))
        .contains("reusing ")
        .doesNotContain("generating");
  }

  @Test
  void memoryCheckReadsTheWholeExport() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status =
        MemoryCheck.run(
            new String[] {"--size", "1MB", "--zip", "true", "--cache", cache.toString()},
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(status).as(out).isZero();
    assertThat(out).contains("OK: the whole export was read", "(zipped)");
  }

  @Test
  void sizesReadAsPeopleWriteThem() {
    assertThat(Sizes.parse("200MB")).isEqualTo(200L << 20);
    assertThat(Sizes.parse("1GB")).isEqualTo(1L << 30);
    assertThat(Sizes.parse("1.5g")).isEqualTo(3L << 29);
    assertThat(Sizes.parse("512KiB")).isEqualTo(512L << 10);
    assertThat(Sizes.parse("1000")).isEqualTo(1000L);
    assertThat(Sizes.name(200L << 20)).isEqualTo("200MB");
  }
}
