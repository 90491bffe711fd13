package io.github.chatexport.core.internal.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** An extracted export: a folder. Symbolic links are not followed. */
final class DirectorySource extends BaseSource {
  private static final int MAX_DEPTH = 16;

  private final Path root;
  private final Map<String, Path> entries;

  /** Lists the files under {@code root}. */
  DirectorySource(Path root, String file) throws IOException {
    super(Kind.DIRECTORY, file);
    this.root = root;
    EntryTable<Path> table = new EntryTable<>();
    try (Stream<Path> walk = Files.walk(root, MAX_DEPTH)) { // links to folders are not followed
      walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .forEach(
              p -> {
                String relative =
                    root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                table.add(relative, p); // unique: the walk meets each path once
              });
    }
    entries = table.sorted();
  }

  @Override
  public List<String> entries() {
    return List.copyOf(entries.keySet());
  }

  @Override
  public long size(String entry) {
    Path p = entries.get(entry);
    try {
      return p == null ? -1 : Files.size(p);
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public InputStream open(String entry) throws IOException {
    Path p = entries.get(entry);
    if (p == null) {
      throw noEntry(entry, root);
    }
    return Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public @Nullable String locationEntry(String entry) {
    return entry;
  }

  @Override
  public void close() {}
}
