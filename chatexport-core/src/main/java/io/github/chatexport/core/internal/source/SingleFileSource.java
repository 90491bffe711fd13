package io.github.chatexport.core.internal.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One conversations JSON file, or a lone {@code chat.html}. */
final class SingleFileSource extends BaseSource {
  private final Path path;
  private final String name;

  /** The file at {@code path}, listed as the entry {@code name} (its own name when null). */
  SingleFileSource(Path path, String file, @Nullable String name) {
    super(Kind.SINGLE_FILE, file);
    this.path = path;
    Path fileName = path.getFileName();
    this.name = name != null ? name : fileName == null ? "conversations.json" : fileName.toString();
  }

  @Override
  public List<String> entries() {
    return List.of(name);
  }

  @Override
  public long size(String entry) {
    try {
      return Files.size(path);
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public InputStream open(String entry) throws IOException {
    return Files.newInputStream(path);
  }

  @Override
  public @Nullable String locationEntry(String entry) {
    return null;
  }

  @Override
  public void close() {}
}
