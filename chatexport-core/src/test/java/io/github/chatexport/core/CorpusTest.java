package io.github.chatexport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.chatexport.api.Branch;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads the public samples in {@code ../shared/corpus} (written by others, never copied here).
 * Skipped when the folder is absent, as in a fresh clone; {@code -Dchatexport.corpus=DIR} points
 * elsewhere.
 */
class CorpusTest {
  private static @Nullable Path corpus;

  @BeforeAll
  static void findCorpus() {
    String property = System.getProperty("chatexport.corpus");
    if (property != null) {
      corpus = Path.of(property);
      return;
    }
    Path dir = Path.of("").toAbsolutePath();
    for (int i = 0; i < 3 && dir != null; i++, dir = dir.getParent()) {
      Path parent = dir.getParent();
      if (parent != null && Files.isDirectory(parent.resolve("shared/corpus"))) {
        corpus = parent.resolve("shared/corpus");
        return;
      }
    }
  }

  private static Path sample(String relative) {
    assumeTrue(corpus != null, "../shared/corpus is absent");
    Path path = corpus.resolve(relative);
    assumeTrue(Files.exists(path), relative + " is absent");
    return path;
  }

  private static List<Conversation> readAll(Path path) throws IOException {
    try (ExportReader export = ExportReader.open(path);
        Stream<Conversation> all = export.conversations()) {
      return all.toList();
    }
  }

  @Test
  void readsTheRealCodeInterpreterConversationOf2023() throws IOException {
    List<Conversation> conversations =
        readAll(sample("real-2023-code-interpreter/conversations.json"));

    assertThat(conversations).hasSize(1);
    Conversation c = conversations.get(0);
    assertThat(c.id()).isEqualTo("966da5c4-5bb7-4e4d-ab6d-a7316b96266e");
    assertThat(c.nodes()).hasSize(45);
    assertThat(c.warnings()).isEmpty();
    Branch active = c.activeBranch();
    assertThat(active.nodes()).hasSize(45);
    assertThat(active.nodeIds().get(0)).isEqualTo("aaa15e79-f313-489b-9459-d2cac643ac62");
    assertThat(active.nodeIds().get(44)).isEqualTo("875ad56f-8b75-4e69-9fdc-f96acf212f9c");
    assertThat(c.branches()).hasSize(1);
    assertThat(active.messages()).hasSize(44);
    assertThat(active.messages())
        .extracting(m -> m.content().contentType())
        .contains("text", "code", "execution_output");
    assertThat(active.visibleMessages()).allMatch(m -> !m.role().equals("system"));
    assertThat(active.messages())
        .anySatisfy(m -> assertThat(m.metadata().aggregateResult()).isPresent());
  }

  @Test
  void readsTheSynthetic2026Conversation() throws IOException {
    List<Conversation> conversations =
        readAll(sample("synthetic-2026-sharded/single-conversation-2026.json"));

    assertThat(conversations).hasSize(1);
    Conversation c = conversations.get(0);
    assertThat(c.id()).isEqualTo("synthetic-conversation-001");
    assertThat(c.nodes()).hasSize(5);
    assertThat(c.activeBranch().nodeIds())
        .startsWith("client-created-root")
        .endsWith("assistant-final");
    assertThat(c.activeBranch().nodes()).hasSize(5);
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void readsTheSynthetic2026ShardedFolder() throws IOException {
    Path folder = sample("synthetic-2026-sharded");
    try (ExportReader export = ExportReader.open(folder);
        Stream<Conversation> all = export.conversations()) {
      List<Conversation> conversations = all.toList();
      assertThat(conversations)
          .extracting(Conversation::id)
          .containsExactly(
              "synthetic-folder-conversation-001", "synthetic-folder-conversation-002");
      assertThat(conversations.get(0).activeBranch().nodeIds()).endsWith("assistant-image-reply");
      assertThat(conversations.get(1).activeBranch().nodeIds()).endsWith("assistant-media-reply");
    }
  }

  @Test
  void failsOnTheRedacted2023SampleAtItsFirstInvalidToken() throws IOException {
    Path file = sample("real-2023-first-format-redacted/conversations.json");
    try (ExportReader export = ExportReader.open(file)) {
      ChatExportException e =
          catchThrowableOfType(
              ChatExportException.class, () -> export.conversations().forEach(c -> {}));
      Location at = e.location();
      assertThat(at.line()).isEqualTo(1);
      assertThat(at.column()).isEqualTo(38);
      assertThat(at.byteOffset()).isEqualTo(37);
      assertThat(at.jsonPath()).isEqualTo("$[0].create_time");
      assertThat(at.file()).isEqualTo(file.toString());
      assertThat(e.getMessage()).contains("line 1 column 38").doesNotContain("EPOCH");
    }
  }

  @Test
  void writesTheValidSamplesBackTokenForToken(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws IOException {
    for (String sample :
        List.of(
            "real-2023-code-interpreter/conversations.json",
            "synthetic-2026-sharded/single-conversation-2026.json",
            "synthetic-2026-sharded/conversations-000.json",
            "synthetic-2026-sharded/conversations-001.json",
            "peer-librechat-2023-2024/chatgpt-export.json",
            "peer-librechat-2023-2024/chatgpt-citations.json",
            "peer-librechat-2023-2024/chatgpt-tree-bom.json",
            "peer-mitkury-2024/example-conversation.json",
            "peer-polylogue-lone-2026/native-conversation-v1.json",
            "peer-polylogue-lone-2026/showcase-03.json")) {
      Path input = sample(sample);
      RoundTripTest.assertRoundTrip(input, tmp.resolve(sample.replace('/', '_')), sample);
    }
  }
}
