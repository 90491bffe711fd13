package io.github.chatexport.core.internal.write;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A folder: one file per name. */
final class FolderSink implements Sink {
  private final Path dir;

  FolderSink(Path dir) {
    this.dir = dir;
  }

  @Override
  public OutputStream begin(String name) throws IOException {
    Path target = dir.resolve(name).normalize();
    if (!target.startsWith(dir.normalize())) {
      throw new IllegalArgumentException("not inside the export folder: " + name);
    }
    Files.createDirectories(target.getParent());
    return Files.newOutputStream(target);
  }

  @Override
  public void close() {}
}
