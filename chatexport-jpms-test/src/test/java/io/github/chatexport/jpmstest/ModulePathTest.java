package io.github.chatexport.jpmstest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.core.ExportReader;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jars, on the module path, resolve as named modules and export only their API. */
class ModulePathTest {
  @TempDir Path tmp;

  @Test
  void chatexportModulesAreNamedAndResolved() {
    assertThat(ModularApp.class.getModule().getName()).isEqualTo("io.github.chatexport.jpmstest");
    assertThat(ExportReader.class.getModule().getName()).isEqualTo("io.github.chatexport.core");
    assertThat(Conversation.class.getModule().getName()).isEqualTo("io.github.chatexport.api");
  }

  @Test
  void onlyTheApiPackagesAreExported() {
    assertThat(exports(ExportReader.class.getModule().getDescriptor()))
        .containsExactly("io.github.chatexport.core");
    assertThat(exports(Conversation.class.getModule().getDescriptor()))
        .containsExactly("io.github.chatexport.api");
    assertThat(ExportReader.class.getModule().isExported("io.github.chatexport.core.internal"))
        .isFalse();
    assertThat(
            Conversation.class
                .getModule()
                .isExported("io.github.chatexport.api.internal", ModularApp.class.getModule()))
        .isFalse();
  }

  @Test
  void readsAnExportThroughThePublicApi() throws IOException {
    Path file = tmp.resolve("conversations.json");
    Files.writeString(
        file,
        "[{\"id\":\"c1\",\"title\":\"Modules\",\"current_node\":\"n1\","
            + "\"mapping\":{\"n1\":{\"id\":\"n1\",\"message\":null,\"parent\":null,\"children\":[]}}}]",
        StandardCharsets.UTF_8);
    assertThat(ModularApp.titles(file)).containsExactly("Modules");
  }

  private static Set<String> exports(ModuleDescriptor descriptor) {
    return descriptor.exports().stream()
        .filter(e -> !e.isQualified())
        .map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toSet());
  }
}
