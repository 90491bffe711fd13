package io.github.chatexport.archive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

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
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles and runs the README's archive snippets (fenced {@code ```java archive}), so that they stay true. */
class ReadmeTest {
  private static final String IMPORTS = "import io.github.chatexport.api.*;\nimport io.github.chatexport.core.*;\n"
      + "import io.github.chatexport.archive.*;\nimport java.nio.file.*;\nimport java.util.*;\n"
      + "import java.util.stream.*;\n";

  @TempDir Path tmp;

  static List<String> snippets() throws IOException {
    Matcher m = Pattern.compile("```java archive\\n(.*?)```", Pattern.DOTALL)
        .matcher(Files.readString(Path.of("..", "README.md"), UTF_8));
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void everyArchiveSnippetCompilesAndRuns() throws Exception {
    List<String> snippets = snippets();
    assertThat(snippets).isNotEmpty();
    Path sequence = Fixtures.get("archive/account-sam/").copyTo(tmp);
    Path src = Files.createDirectories(tmp.resolve("src"));
    Path out = Files.createDirectories(tmp.resolve("out"));
    List<String> files = new ArrayList<>();
    for (int i = 0; i < snippets.size(); i++) {
      String source = IMPORTS + "public class ArchiveSnippet" + i + " {\n"
          + "  public static void run(Path export, Path archiveFile, String id) throws Exception {\n"
          + snippets.get(i) + "\n  }\n}\n";
      Path file = src.resolve("ArchiveSnippet" + i + ".java");
      Files.writeString(file, source, UTF_8);
      files.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String classpath = String.join(File.pathSeparator, System.getProperty("java.class.path", ""),
        System.getProperty("jdk.module.path", ""));
    List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-cp", classpath, "-proc:none"));
    args.addAll(files);
    StringWriter errors = new StringWriter();
    int status = javac.run(null, null, new PrintStream(new ByteArrayOutputStream(), true, UTF_8) {
      @Override
      public void write(byte[] b, int off, int len) {
        errors.write(new String(b, off, len, UTF_8));
      }
    }, args.toArray(new String[0]));
    assertThat(status).as(errors.toString()).isZero();

    PrintStream stdout = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
      System.setOut(new PrintStream(printed, true, UTF_8));
      for (int i = 0; i < snippets.size(); i++) {
        Method run = loader.loadClass("ArchiveSnippet" + i).getMethod("run", Path.class, Path.class, String.class);
        run.invoke(null, sequence.resolve("2025-01"), tmp.resolve("chats.sqlite"), "c0000002-retitled");
      }
    } finally {
      System.setOut(stdout);
    }
    assertThat(printed.toString(UTF_8)).startsWith("6 new, 0 marked deleted\n")
        .contains("Landlord letter, seen in 2025-01 to 2025-01\n").contains("version Cat names in 1 export(s)\n");
  }
}
