package io.github.chatexport.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs the README's search snippet (fenced {@code ```java search}) over the search
 * fixture.
 */
final class SearchReadmeTest {
  @TempDir Path tmp;

  @Test
  void theReadmeSearchSnippetCompilesAndRuns() throws Exception {
    List<String> snippets = ReadmeSnippets.fenced("search");
    assertThat(snippets).isNotEmpty();
    Path export = tmp.resolve("conversations.json");
    try (InputStream in = SearchFixtureTest.resource("multilingual.json")) {
      Files.copy(in, export);
    }
    String source =
        "import io.github.chatexport.archive.*;\nimport io.github.chatexport.core.*;\n"
            + "import java.nio.file.*;\nimport java.util.stream.*;\npublic class SearchSnippet {\n"
            + "  public static void run(Path path, Path indexFile) throws Exception {\n"
            + snippets.get(0)
            + "\n  }\n}\n";
    String printed;
    try (URLClassLoader loader = ReadmeSnippets.compile(tmp, Map.of("SearchSnippet", source))) {
      Method run = loader.loadClass("SearchSnippet").getMethod("run", Path.class, Path.class);
      printed =
          ReadmeSnippets.printedBy(() -> run.invoke(null, export, tmp.resolve("index.sqlite")));
    }
    assertThat(printed)
        .isEqualTo("Secret plans f2: Book the [tram] 28 and a pastel de nata tasting in Lisbon.\n");
  }
}
