package io.github.chatexport.archive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
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

/**
 * Compiles and runs the README's search snippet (fenced {@code java search}, so that chatexport-core's
 * ReadmeTest, which cannot see this module, leaves it out) over the search fixture.
 */
final class SearchReadmeTest {
  @TempDir Path tmp;

  @Test
  void theReadmeSearchSnippetCompilesAndRuns() throws Exception {
    Matcher m = Pattern.compile("```java search\\n(.*?)```", Pattern.DOTALL)
        .matcher(Files.readString(Path.of("..", "README.md"), UTF_8));
    assertThat(m.find()).isTrue();
    Path export = tmp.resolve("conversations.json");
    try (InputStream in = SearchFixtureTest.resource("multilingual.json")) {
      Files.copy(in, export);
    }
    Path src = Files.createDirectories(tmp.resolve("src"));
    Path out = Files.createDirectories(tmp.resolve("out"));
    String source = "import io.github.chatexport.archive.*;\nimport io.github.chatexport.core.*;\n"
        + "import java.nio.file.*;\nimport java.util.stream.*;\npublic class SearchSnippet {\n"
        + "  public static void run(Path path, Path indexFile) throws Exception {\n" + m.group(1) + "\n  }\n}\n";
    Path file = src.resolve("SearchSnippet.java");
    Files.writeString(file, source, UTF_8);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String classpath = String.join(File.pathSeparator, System.getProperty("java.class.path", ""),
        System.getProperty("jdk.module.path", ""));
    List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-cp", classpath, "-proc:none",
        file.toString()));
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
      Method run = loader.loadClass("SearchSnippet").getMethod("run", Path.class, Path.class);
      run.invoke(null, export, tmp.resolve("index.sqlite"));
    } finally {
      System.setOut(stdout);
    }
    assertThat(printed.toString(UTF_8)).isEqualTo(
        "Secret plans f2: Book the [tram] 28 and a pastel de nata tasting in Lisbon.\n");
  }
}
