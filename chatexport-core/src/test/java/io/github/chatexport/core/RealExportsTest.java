package io.github.chatexport.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Message;
import io.github.chatexport.testdata.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real exports as they are (issue 10): what the fixtures' expected results cannot say. */
class RealExportsTest {
  @TempDir Path tmp;

  private static List<Conversation> read(ExportReader export) {
    try (Stream<Conversation> all = export.conversations()) {
      return all.toList();
    }
  }

  @Test
  void aLoneChatHtmlReadsLikeAFolderThatHoldsOnlyIt() throws IOException {
    Path folder = Fixtures.get("exports/chat-html-escaped/").copyTo(tmp);
    List<Conversation> inFolder;
    try (ExportReader export = ExportReader.open(folder)) {
      inFolder = read(export);
    }
    try (ExportReader export = ExportReader.open(folder.resolve("chat.html"))) {
      assertThat(export.layout().container()).isEqualTo(ExportLayout.Container.HTML_FILE);
      assertThat(export.layout().source()).isEqualTo(ExportLayout.Source.CHAT_HTML);
      List<Conversation> alone = read(export);
      assertThat(alone).isEqualTo(inFolder);
      Conversation c = alone.get(0);
      assertThat(c.title()).isEqualTo("Fish & chips <vs> \"fish'n'chips\"");
      Message code = c.nodes().get("c-code").message();
      assertThat(code.metadata().json().get("finish_details").get("stop").asString())
          .contains("<|im_end|>");
      assertThat(c.nodes().get("b-user").message().metadata().json().get("note").asString())
          .contains("R&D > marketing");
    }
  }

  @Test
  void aFileOfOneConversationObjectSaysSoInItsLayout() throws IOException {
    Path file = Fixtures.get("conversations/lone-object.json").copyTo(tmp);
    try (ExportReader export = ExportReader.open(file)) {
      assertThat(export.layout().container()).isEqualTo(ExportLayout.Container.JSON_FILE);
      assertThat(export.layout().source()).isEqualTo(ExportLayout.Source.SINGLE_CONVERSATION);
      assertThat(read(export))
          .extracting(Conversation::id)
          .containsExactly("lone-0001-4000-8000-000000000001");
    }
    Path wrapped = Fixtures.get("conversations/linear.json").copyTo(tmp);
    try (ExportReader export = ExportReader.open(wrapped)) {
      assertThat(export.layout().source()).isEqualTo(ExportLayout.Source.JSON_FILE);
    }
  }

  @Test
  void aProjectConversationNamesItsProjectAndDefaultModel() throws IOException {
    Path file = Fixtures.get("conversations/era-2026-project.json").copyTo(tmp);
    try (ExportReader export = ExportReader.open(file)) {
      Conversation c = read(export).get(0);
      assertThat(c.projectId()).contains("g-p-67f0a1b2c3d4e5f60718293a4b5c6d7e");
      assertThat(c.defaultModelSlug()).isEqualTo("gpt-5-thinking");
      assertThat(c.nodes().get("m2").message().metadata().modelSlug()).isEmpty();
    }
    Path other = Fixtures.get("conversations/linear.json").copyTo(tmp);
    try (ExportReader export = ExportReader.open(other)) {
      assertThat(read(export).get(0).projectId()).isEmpty();
    }
  }
}
