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
 * The archive's memory check, adding an export and then the same a week later, on a tiny export.
 */
class ArchiveBenchSmokeTest {
  @TempDir Path cache;

  @Test
  void theMemoryCheckAddsAnExportAndThenTheSameAWeekLater() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status =
        ArchiveBench.run(
            new String[] {
              "--size", "2MB", "--memory", "true", "--again", "true", "--cache", cache.toString()
            },
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(status).as(out).isZero();
    assertThat(out).doesNotContain("FAILED").contains("OK: both exports were added");
    assertThat(out)
        .containsPattern(
            "(?m)^added memory-first\\.json, .*: [1-9][\\d,]* new, 0 changed, 0 unchanged")
        .containsPattern(
            "(?m)^added memory-week-later\\.json, .*: 0 new, [\\d,]+ changed, [1-9][\\d,]* unchanged")
        .containsPattern("(?m)^max heap \\d+ MB; peak heap used \\d+ MB");
  }
}
