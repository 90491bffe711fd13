package io.github.chatexport.testdata;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * One hand-written fixture: a conversations file, or an export folder, with its expected result.
 *
 * <p>Fixtures live in this jar; a jar entry is not a {@link Path}, so a fixture is handed out as an
 * {@link InputStream} ({@link #open()}) or copied where a test wants it ({@link #copyTo(Path)},
 * {@link #zipTo(Path)}).
 */
public final class Fixture {
  private final String path;

  Fixture(String path) {
    this.path = requireNonNull(path, "path");
  }

  /** The fixture's path relative to the fixture root, such as {@code conversations/linear.json}. */
  public String path() {
    return path;
  }

  /** The fixture's name without folder or extension, such as {@code linear}. */
  public String name() {
    String p = isFolder() ? path.substring(0, path.length() - 1) : path;
    String base = p.substring(p.lastIndexOf('/') + 1);
    int dot = base.lastIndexOf('.');
    return dot > 0 ? base.substring(0, dot) : base;
  }

  /** The folder it is in: {@code conversations}, {@code malformed} or {@code exports}. */
  public String group() {
    int slash = path.indexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /** Whether the fixture is an export folder rather than one file. */
  public boolean isFolder() {
    return path.endsWith("/");
  }

  /** Opens the fixture file; for a folder fixture, use {@link #copyTo(Path)}. */
  public InputStream open() throws IOException {
    if (isFolder()) {
      throw new IllegalStateException(path + " is a folder; use copyTo or zipTo");
    }
    return Fixtures.resource(path);
  }

  /** The expected result written beside the fixture, if any. */
  public Optional<String> expected() {
    String p =
        isFolder()
            ? path.substring(0, path.length() - 1)
            : path.substring(0, path.lastIndexOf('.'));
    try (InputStream in = Fixtures.resourceOrNull(p + ".expected")) {
      return in == null
          ? Optional.empty()
          : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Copies the fixture into {@code dir}: a file keeps its name, a folder becomes a folder of its
   * name. Returns the copy.
   */
  public Path copyTo(Path dir) throws IOException {
    if (!isFolder()) {
      Path target = dir.resolve(path.substring(path.lastIndexOf('/') + 1));
      try (InputStream in = open()) {
        Files.copy(in, target);
      }
      return target;
    }
    Path target = dir.resolve(name());
    for (String file : files()) {
      Path out = target.resolve(file);
      Files.createDirectories(out.getParent());
      try (InputStream in = Fixtures.resource(path + file)) {
        Files.copy(in, out);
      }
    }
    return target;
  }

  /**
   * Zips a folder fixture (or a single file) into {@code dir}/{@code name}.zip, as an export is
   * downloaded.
   */
  public Path zipTo(Path dir) throws IOException {
    Path zip = dir.resolve(name() + ".zip");
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream z = new ZipOutputStream(out)) {
      List<String> files = isFolder() ? files() : List.of("");
      for (String file : files) {
        String entryName = isFolder() ? file : path.substring(path.lastIndexOf('/') + 1);
        z.putNextEntry(new ZipEntry(entryName));
        try (InputStream in = Fixtures.resource(path + file)) {
          in.transferTo(z);
        }
        z.closeEntry();
      }
    }
    return zip;
  }

  /** The files of a folder fixture, relative to it, with {@code /} separators, sorted. */
  public List<String> files() throws IOException {
    if (!isFolder()) {
      return List.of();
    }
    URL url = Fixtures.class.getResource(Fixtures.ROOT + path);
    if (url == null) {
      throw new IOException("no fixture folder " + path);
    }
    try {
      if ("jar".equals(url.getProtocol())) {
        FileSystem fs;
        try {
          fs = FileSystems.getFileSystem(url.toURI());
        } catch (FileSystemNotFoundException e) {
          fs = FileSystems.newFileSystem(url.toURI(), Map.of());
        }
        return list(fs.provider().getPath(url.toURI()));
      }
      return list(Path.of(url.toURI()));
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
  }

  private static List<String> list(Path root) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile)
          .forEach(
              p ->
                  out.add(
                      root.relativize(p)
                          .toString()
                          .replace(p.getFileSystem().getSeparator(), "/")));
    }
    out.sort(null);
    return out;
  }

  @Override
  public String toString() {
    return path;
  }
}
