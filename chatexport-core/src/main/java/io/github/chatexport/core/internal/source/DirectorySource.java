package io.github.chatexport.core.internal.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

  /**
   * The file's size and modification time (the check rsync makes) and its file key (the device and
   * inode on Unix): the same file on the disk, so that a copy, or another extraction of a ZIP that
   * dates every entry alike, is read again; null where the file system has no file key.
   */
  @Override
  public @Nullable String stamp(String entry) {
    Path p = entries.get(entry);
    if (p == null) {
      return null;
    }
    try {
      BasicFileAttributes a =
          Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      Object key = a.fileKey();
      if (key == null) {
        return null;
      }
      return "file size "
          + a.size()
          + " modified "
          + a.lastModifiedTime().to(TimeUnit.NANOSECONDS)
          + " key "
          + key;
    } catch (IOException e) {
      return null;
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
