package io.github.chatexport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chatexport.api.Location;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatExportExceptionTest {

  @Test
  void keepsTheProblemApartFromTheLocation() {
    Location at =
        new Location("export.zip", "conversations.json", 3, 14, 1204, "$[2].mapping", "c1");
    ChatExportException e = new ChatExportException("invalid JSON: unexpected character", at, null);

    assertThat(e.problem()).isEqualTo("invalid JSON: unexpected character");
    assertThat(e.location()).isEqualTo(at);
    assertThat(e.getMessage())
        .isEqualTo(
            "invalid JSON: unexpected character at conversations.json (in export.zip)"
                + " line 3 column 14 (byte 1204) at $[2].mapping (conversation c1)");
  }

  @Test
  void aProblemThatEndsLikeALocationIsKeptWhole() {
    // the text is never recovered from the message, so a problem ending in " at $" survives as
    // given
    ChatExportException e = new ChatExportException("cut at $", Location.UNKNOWN, null);

    assertThat(e.problem()).isEqualTo("cut at $");
    assertThat(e.getMessage()).isEqualTo("cut at $ at <input> at $");
  }

  /**
   * The parallel pass renumbers the location of an error found in a later piece of the file; the
   * problem text must come through unchanged, as a serial read gives it.
   */
  @Test
  void aParallelReadGivesTheSerialProblemAndLocation(@TempDir Path dir) throws IOException {
    // pieces are cut at about 1 MiB: 3 MB of conversations before the damage puts it in a later
    // piece
    String title = "t".repeat(1000);
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 3000; i++) {
      json.append("{\"id\":\"c")
          .append(i)
          .append("\",\"title\":\"")
          .append(title)
          .append("\",\"mapping\":{}},\n");
    }
    json.append("{\"id\":\"broken\",\"title\":}]");
    Path file = Files.writeString(dir.resolve("conversations.json"), json, StandardCharsets.UTF_8);

    ChatExportException serial = failure(ExportReader.builder().open(file));
    ChatExportException parallel = failure(ExportReader.builder().parallelism(2).open(file));

    assertThat(serial.problem()).doesNotContain(" at ").isNotEmpty();
    assertThat(parallel.problem()).isEqualTo(serial.problem());
    assertThat(parallel.location()).isEqualTo(serial.location());
    assertThat(parallel.getMessage())
        .isEqualTo(serial.problem() + " at " + serial.location().describe());
  }

  private static ChatExportException failure(ExportReader reader) {
    try (reader;
        Stream<?> conversations = reader.conversations()) {
      Throwable[] thrown = new Throwable[1];
      assertThatThrownBy(() -> conversations.forEach(c -> {}))
          .isInstanceOfSatisfying(ChatExportException.class, e -> thrown[0] = e);
      return (ChatExportException) thrown[0];
    }
  }
}
