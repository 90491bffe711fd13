package io.github.chatexport.testdata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The hand-written fixtures of chatexport, each with its expected result: small ChatGPT exports
 * covering every content type, graph shape and era, plus malformed inputs. Use them in your own
 * tests with {@code <scope>test</scope>}:
 *
 * <pre>{@code
 * for (Fixture fixture : Fixtures.group("conversations")) {
 *   try (InputStream in = fixture.open()) { ... }
 * }
 * }</pre>
 *
 * <p>The expected-result format is described in {@code FIXTURES.md} of the chatexport-testdata
 * module.
 */
public final class Fixtures {
  static final String ROOT = "/io/github/chatexport/testdata/";

  private Fixtures() {}

  /** Every fixture, in the order of the index. */
  public static List<Fixture> all() {
    List<Fixture> out = new ArrayList<>();
    try (InputStream in = resource("index.txt");
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String path = line.strip();
        if (!path.isEmpty() && !path.startsWith("#")) {
          out.add(new Fixture(path));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(out);
  }

  /** The fixtures of one group: {@code conversations}, {@code malformed} or {@code exports}. */
  public static List<Fixture> group(String group) {
    return all().stream().filter(f -> f.group().equals(group)).toList();
  }

  /** The fixture at {@code path}, such as {@code conversations/linear.json}. */
  public static Fixture get(String path) {
    for (Fixture f : all()) {
      if (f.path().equals(path)) {
        return f;
      }
    }
    throw new IllegalArgumentException("no fixture " + path);
  }

  static InputStream resource(String path) throws IOException {
    InputStream in = resourceOrNull(path);
    if (in == null) {
      throw new IOException("no fixture resource " + path);
    }
    return in;
  }

  static @Nullable InputStream resourceOrNull(String path) {
    return Fixtures.class.getResourceAsStream(ROOT + path);
  }
}
