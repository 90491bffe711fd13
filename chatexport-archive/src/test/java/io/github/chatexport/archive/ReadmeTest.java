package io.github.chatexport.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.testdata.Fixtures;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs the README's archive snippets (fenced {@code ```java archive}), so that they
 * stay true.
 */
class ReadmeTest {
  private static final String IMPORTS =
      "import io.github.chatexport.api.*;\nimport io.github.chatexport.core.*;\n"
          + "import io.github.chatexport.archive.*;\nimport java.nio.file.*;\nimport java.util.*;\n"
          + "import java.util.stream.*;\n";

  @TempDir Path tmp;

  @Test
  void everyArchiveSnippetCompilesAndRuns() throws Exception {
    List<String> snippets = ReadmeSnippets.fenced("archive");
    assertThat(snippets).isNotEmpty();
    Path sequence = Fixtures.get("archive/account-sam/").copyTo(tmp);
    Map<String, String> classes = new LinkedHashMap<>();
    for (int i = 0; i < snippets.size(); i++) {
      classes.put(
          "ArchiveSnippet" + i,
          IMPORTS
              + "public class ArchiveSnippet"
              + i
              + " {\n"
              + "  public static void run(Path export, Path archiveFile, String id) throws Exception {\n"
              + snippets.get(i)
              + "\n  }\n}\n");
    }
    String printed;
    try (URLClassLoader loader = ReadmeSnippets.compile(tmp, classes)) {
      printed =
          ReadmeSnippets.printedBy(
              () -> {
                for (String name : classes.keySet()) {
                  Method run =
                      loader.loadClass(name).getMethod("run", Path.class, Path.class, String.class);
                  run.invoke(
                      null,
                      sequence.resolve("2025-01"),
                      tmp.resolve("chats.sqlite"),
                      "c0000002-retitled");
                }
              });
    }
    assertThat(printed)
        .startsWith("6 new, 0 marked deleted\n")
        .contains("Landlord letter, seen in 2025-01 to 2025-01\n")
        .contains("version Cat names in 1 export(s)\n");
  }
}
