package io.github.chatexport.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.testdata.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles and runs every {@code java} snippet of the README, so that the README stays true. */
class ReadmeTest {
  private static final String IMPORTS =
      "import io.github.chatexport.api.*;\n"
          + "import io.github.chatexport.core.*;\nimport java.nio.file.*;\nimport java.util.*;\n"
          + "import java.util.stream.*;\nimport io.github.chatexport.testdata.generator.*;\n";

  @TempDir Path tmp;

  static List<String> snippets() throws IOException {
    Path readme = Path.of("..", "README.md");
    Matcher m =
        Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL)
            .matcher(Files.readString(readme, UTF_8));
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void everyReadmeSnippetCompilesAndRuns() throws Exception {
    List<String> snippets = snippets();
    assertThat(snippets).isNotEmpty();
    Path export = Fixtures.get("exports/basic-2024/").zipTo(tmp);
    Conversation conversation;
    try (ExportReader reader = ExportReader.open(export);
        Stream<Conversation> all = reader.conversations()) {
      conversation = all.findFirst().orElseThrow();
    }
    Path src = Files.createDirectories(tmp.resolve("src"));
    Path out = Files.createDirectories(tmp.resolve("out"));
    List<String> files = new ArrayList<>();
    for (int i = 0; i < snippets.size(); i++) {
      String source =
          IMPORTS
              + "public class Snippet"
              + i
              + " {\n"
              + "  public static void run(Path path, Conversation conversation) throws Exception {\n"
              + snippets.get(i)
              + "\n  }\n}\n";
      Path file = src.resolve("Snippet" + i + ".java");
      Files.writeString(file, source, UTF_8);
      files.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String classpath =
        String.join(
            File.pathSeparator,
            System.getProperty("java.class.path", ""),
            System.getProperty("jdk.module.path", ""));
    List<String> args =
        new ArrayList<>(List.of("-d", out.toString(), "-cp", classpath, "-proc:none"));
    args.addAll(files);
    StringWriter errors = new StringWriter();
    int status =
        javac.run(
            null,
            null,
            new PrintStream(new ByteArrayOutputStream(), true, UTF_8) {
              @Override
              public void write(byte[] b, int off, int len) {
                errors.write(new String(b, off, len, UTF_8));
              }
            },
            args.toArray(new String[0]));
    assertThat(status).as(errors.toString()).isZero();

    PrintStream stdout = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
      System.setOut(new PrintStream(printed, true, UTF_8));
      for (int i = 0; i < snippets.size(); i++) {
        Method run =
            loader.loadClass("Snippet" + i).getMethod("run", Path.class, Conversation.class);
        run.invoke(null, export, conversation);
      }
    } finally {
      System.setOut(stdout);
    }
    assertThat(printed.toString(UTF_8))
        .contains("messages,")
        .contains("account ")
        .contains("file conversations.json")
        .contains("feedback rows")
        .contains("redacted: 2 conversations, 0 assets, e-mail null");
  }
}
