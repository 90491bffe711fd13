package io.github.chatexport.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.RawJson;
import io.github.chatexport.testdata.Fixture;
import io.github.chatexport.testdata.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Read, write back, compare as JSON values: nothing read is lost. */
class RoundTripTest {
  @TempDir Path tmp;

  static Stream<Fixture> validFixtures() {
    return Fixtures.group("conversations").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFixtures")
  void writesBackWhatItRead(Fixture fixture) throws IOException {
    Path input = fixture.copyTo(tmp);
    Path output = tmp.resolve("written.json");
    try (ExportReader in = ExportReader.open(input);
        ExportWriter out = ExportWriter.open(output);
        Stream<Conversation> all = in.conversations()) {
      for (Conversation c : (Iterable<Conversation>) all::iterator) {
        out.write(c);
      }
    }
    RawJson expected;
    RawJson actual;
    try (InputStream a = Files.newInputStream(input); InputStream b = Files.newInputStream(output)) {
      expected = JsonValues.parse(a);
      actual = JsonValues.parse(b);
    }
    assertThat(JsonValues.firstDifference(expected, actual)).as(fixture.path()).isNull();
    try (ExportReader again = ExportReader.open(output); Stream<Conversation> all = again.conversations()) {
      List<Conversation> read = all.toList();
      assertThat(read).isNotEmpty();
    }
  }
}
