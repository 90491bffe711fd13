package io.github.chatexport.archive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The README's Java snippets of one fence tag ({@code ```java archive}, {@code ```java search};
 * chatexport-core's ReadmeTest, which cannot see this module, leaves tagged fences out), compiled
 * with javac against the test class path and run with {@code System.out} captured.
 */
final class ReadmeSnippets {
  private ReadmeSnippets() {}

  /** The bodies of the README's fences {@code ```java TAG}, in order. */
  static List<String> fenced(String tag) throws IOException {
    Matcher m =
        Pattern.compile("```java " + Pattern.quote(tag) + "\\n(.*?)```", Pattern.DOTALL)
            .matcher(Files.readString(Path.of("..", "README.md"), UTF_8));
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /**
   * Compiles the classes (simple name to source) in {@code tmp} and returns a loader for them;
   * fails the test with javac's messages if they do not compile.
   */
  static URLClassLoader compile(Path tmp, Map<String, String> classes) throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Path out = Files.createDirectories(tmp.resolve("out"));
    String classpath =
        String.join(
            File.pathSeparator,
            System.getProperty("java.class.path", ""),
            System.getProperty("jdk.module.path", ""));
    List<String> args =
        new ArrayList<>(List.of("-d", out.toString(), "-cp", classpath, "-proc:none"));
    for (Map.Entry<String, String> c : classes.entrySet()) {
      Path file = src.resolve(c.getKey() + ".java");
      Files.writeString(file, c.getValue(), UTF_8);
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
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
    return new URLClassLoader(
        new URL[] {out.toUri().toURL()}, ReadmeSnippets.class.getClassLoader());
  }

  /** What {@code run} prints to {@code System.out}. */
  static String printedBy(Run run) throws Exception {
    PrintStream stdout = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(printed, true, UTF_8));
      run.run();
    } finally {
      System.setOut(stdout);
    }
    return printed.toString(UTF_8);
  }

  /** Code that runs snippets. */
  interface Run {
    void run() throws Exception;
  }
}
