package io.github.chatexport.core.internal.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A conversations JSON file given as a stream, which belongs to the caller and can be read once.
 */
final class StreamSource extends BaseSource {
  private final InputStream in;
  private boolean opened;

  /** The stream {@code in}, named {@code file} in locations. */
  StreamSource(InputStream in, String file) {
    super(Kind.STREAM, file);
    this.in = in;
  }

  @Override
  public List<String> entries() {
    return List.of(EntryNames.baseName(file()));
  }

  @Override
  public long size(String entry) {
    return -1;
  }

  @Override
  public synchronized InputStream open(String entry) throws IOException {
    if (opened) {
      throw new IllegalStateException(
          "a stream can be read once: open the reader again, or open it from a file, for another pass");
    }
    opened = true;
    // Closing what we read never closes the caller's stream.
    return new FilterInputStream(in) {
      @Override
      public void close() {}
    };
  }

  @Override
  public @Nullable String locationEntry(String entry) {
    return null;
  }

  @Override
  public boolean rereadable() {
    return false;
  }

  @Override
  public void close() {}
}
