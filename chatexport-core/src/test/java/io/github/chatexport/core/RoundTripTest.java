package io.github.chatexport.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.api.Conversation;
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

/**
 * Read, write back, compare token by token: nothing read is lost, keys come back in the order read
 * and numbers with the text read (only white space may differ).
 */
class RoundTripTest {
  @TempDir Path tmp;

  static Stream<Fixture> validFixtures() {
    return Fixtures.group("conversations").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFixtures")
  void writesBackWhatItRead(Fixture fixture) throws IOException {
    assertRoundTrip(fixture.copyTo(tmp), tmp.resolve("written.json"), fixture.path());
  }

  static Stream<Fixture> exportFixtures() {
    return Fixtures.group("exports").stream();
  }

  /** Every conversation file of every export fixture, and its user.json. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("exportFixtures")
  void writesBackEveryConversationFileOfAnExport(Fixture fixture) throws IOException {
    Path export = fixture.copyTo(tmp);
    try (ExportReader reader = ExportReader.open(export)) {
      if (reader.layout().source() == ExportLayout.Source.CHAT_HTML) {
        return;
      }
      for (String file : reader.layout().conversationFiles()) {
        Path single = tmp.resolve("single-" + file.replace('/', '_'));
        try (InputStream in = reader.openFile(file)) {
          Files.copy(in, single);
        }
        if (Files.size(single) == 0) {
          continue; // an empty export's empty conversations.json: nothing to write back
        }
        assertRoundTrip(
            single, tmp.resolve("written-" + single.getFileName()), fixture.path() + file);
      }
      if (reader.account().isPresent()) {
        Path account = tmp.resolve("account-out");
        try (ExportWriter out = ExportWriter.folder(account, 0)) {
          out.writeAccount(reader.account().get());
        }
        try (InputStream a = reader.openFile("user.json");
            InputStream b = Files.newInputStream(account.resolve("user.json"))) {
          assertThat(JsonValues.firstTokenDifference(a, b))
              .as(fixture.path() + "user.json")
              .isNull();
        }
      }
    }
  }

  /** Generated exports of every era, at several seeds. */
  @ParameterizedTest(name = "seed {0}")
  @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3, 42})
  void writesBackGeneratedExports(long seed) throws IOException {
    io.github.chatexport.testdata.generator.Era[] eras =
        io.github.chatexport.testdata.generator.Era.values();
    Path input = tmp.resolve("generated-" + seed + ".json");
    io.github.chatexport.testdata.generator.ExportGenerator.builder()
        .seed(seed)
        .targetBytes(1L << 20)
        .era(eras[(int) (seed % eras.length)])
        .build()
        .writeConversationsJson(input);
    assertRoundTrip(input, tmp.resolve("written-" + seed + ".json"), "seed " + seed);
  }

  static void assertRoundTrip(Path input, Path output, String name) throws IOException {
    try (ExportReader in = ExportReader.open(input)) {
      if (in.layout().source() == ExportLayout.Source.SINGLE_CONVERSATION) {
        // One conversation object, not an array: written back as that object.
        List<Conversation> all;
        try (Stream<Conversation> s = in.conversations()) {
          all = s.toList();
        }
        assertThat(all).hasSize(1);
        Files.writeString(output, ExportWriter.toJson(all.get(0)));
        try (InputStream a = Files.newInputStream(input);
            InputStream b = Files.newInputStream(output)) {
          assertThat(JsonValues.firstTokenDifference(a, b)).as(name).isNull();
        }
        return;
      }
    }
    try (ExportReader in = ExportReader.open(input);
        ExportWriter out = ExportWriter.open(output);
        Stream<Conversation> all = in.conversations()) {
      for (Conversation c : (Iterable<Conversation>) all::iterator) {
        out.write(c);
      }
    }
    try (InputStream a = Files.newInputStream(input);
        InputStream b = Files.newInputStream(output)) {
      assertThat(JsonValues.firstTokenDifference(a, b)).as(name).isNull();
    }
    try (ExportReader again = ExportReader.open(output);
        Stream<Conversation> all = again.conversations()) {
      List<Conversation> read = all.toList();
      assertThat(read).isNotEmpty();
    }
  }
}
