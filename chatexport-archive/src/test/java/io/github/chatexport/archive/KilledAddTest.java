package io.github.chatexport.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.archive.internal.Sha;
import io.github.chatexport.core.ExportWriter;
import io.github.chatexport.testdata.generator.ExportGenerator;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM is killed ({@code destroyForcibly}) at random moments of an add: the archive it
 * leaves is as it was before that add or as it is after it, never in between and never corrupt, and
 * the next add completes.
 */
class KilledAddTest {
  @TempDir Path dir;

  @Test
  void aProcessKilledDuringAnAddLeavesTheArchiveAsBeforeOrAsAfter() throws Exception {
    Path base = dir.resolve("base.json");
    Path big = dir.resolve("big.json");
    ExportGenerator.builder().seed(11).targetBytes(300_000).build().writeConversationsJson(base);
    ExportGenerator.builder().seed(12).targetBytes(2_000_000).build().writeConversationsJson(big);
    Path before = dir.resolve("before.sqlite");
    try (ChatArchive archive = ChatArchive.open(before)) {
      archive.add(base);
    }
    String stateBefore = state(before);
    Path after = dir.resolve("after.sqlite");
    Files.copy(before, after);
    long start = System.nanoTime();
    try (ChatArchive archive = ChatArchive.open(after)) {
      archive.add(big);
    }
    long addMillis = Math.max(50, (System.nanoTime() - start) / 1_000_000);
    String stateAfter = state(after);
    assertThat(stateAfter).isNotEqualTo(stateBefore);

    Random random = new Random(13);
    int killedMidway = 0;
    for (int round = 0; round < 3; round++) {
      Path file = dir.resolve("killed-" + round + ".sqlite");
      Files.copy(before, file, StandardCopyOption.REPLACE_EXISTING);
      Process child = child(file, big);
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        assertThat(out.readLine()).isEqualTo("START");
        // kill anywhere from the start of the add to a little after its in-process duration
        Thread.sleep(random.nextInt((int) Math.min(Integer.MAX_VALUE, addMillis * 3 / 2)) + 1);
        child.destroyForcibly();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(integrity(file)).isEqualTo("ok");
      String state = state(file);
      assertThat(state).isIn(stateBefore, stateAfter);
      if (state.equals(stateBefore)) {
        killedMidway++;
      }
      try (ChatArchive archive = ChatArchive.open(file)) {
        archive.add(big);
      }
      assertThat(state(file)).isEqualTo(stateAfter);
    }
    assertThat(killedMidway).as("rounds killed before the add committed").isPositive();
  }

  private static Process child(Path archive, Path export) throws IOException {
    List<String> path = new ArrayList<>();
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property);
      if (value != null && !value.isEmpty()) {
        path.add(value);
      }
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            java.toString(),
            "-Xmx256m",
            "-cp",
            String.join(File.pathSeparator, path),
            AddInChild.class.getName(),
            archive.toString(),
            export.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /** Every export (but when it was added) and every merged conversation, as one text. */
  private static String state(Path file) throws IOException {
    StringBuilder out = new StringBuilder();
    try (ChatArchive archive = ChatArchive.open(file)) {
      for (ImportReport r : archive.log()) {
        ArchivedExport e = r.export();
        out.append(e.number())
            .append(' ')
            .append(e.fileName())
            .append(' ')
            .append(e.sha256())
            .append(' ')
            .append(e.conversations())
            .append(' ')
            .append(ArchiveSequenceTest.describe(r))
            .append('\n');
      }
      try (Stream<Conversation> all = archive.conversations()) {
        all.forEach(
            c ->
                out.append(c.id())
                    .append(' ')
                    .append(Sha.of(ExportWriter.toJson(c)))
                    .append(' ')
                    .append(archive.facts(c.id()).orElseThrow().lastSeen().number())
                    .append('\n'));
      }
    }
    return out.toString();
  }

  private static String integrity(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
      r.next();
      return r.getString(1);
    }
  }
}
