package io.github.chatexport.core.internal.zip;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;

/**
 * One entry read by {@link ZipSalvage} from its local file header: its name, sizes (when known) and
 * data. Valid until the next call of {@link ZipSalvage#next()}.
 */
public final class SalvagedEntry {
  private final String name;
  private final int method;
  private final int flags;
  private final long offset;
  private long compressedSize;
  private long size;
  private InputStream data = InputStream.nullInputStream();

  SalvagedEntry(String name, int method, int flags, long offset, long compressedSize, long size) {
    this.name = requireNonNull(name, "name");
    this.method = method;
    this.flags = flags;
    this.offset = offset;
    this.compressedSize = compressedSize;
    this.size = size;
  }

  void data(InputStream data) {
    this.data = requireNonNull(data, "data");
  }

  void sizes(long compressedSize, long size) {
    this.compressedSize = compressedSize;
    this.size = size;
  }

  /**
   * The name as stored (UTF-8 when flagged or valid, else code page 437), not normalized: it may
   * hold {@code ..}, a leading {@code /} or a backslash. Check it before use.
   */
  public String name() {
    return name;
  }

  /** The compression method: 0 (stored) or 8 (deflated). */
  int method() {
    return method;
  }

  /** Whether the name ends with {@code /}. */
  public boolean isDirectory() {
    return name.endsWith("/");
  }

  /**
   * Whether the sizes and CRC follow the data (general-purpose bit 3) rather than stand in the
   * header.
   */
  boolean hasDataDescriptor() {
    return (flags & ZipSalvage.FLAG_DESCRIPTOR) != 0;
  }

  /** The byte offset of the entry's local file header in the archive. */
  public long offset() {
    return offset;
  }

  /**
   * The compressed size in bytes, or -1 while unknown (a data descriptor entry not yet read to its
   * end).
   */
  long compressedSize() {
    return compressedSize;
  }

  /**
   * The uncompressed size in bytes, or -1 while unknown (a data descriptor entry not yet read to
   * its end).
   */
  public long size() {
    return size;
  }

  /**
   * The entry's data: inflated for method 8, as stored for method 0, bounded by the salvage's
   * {@link ArchiveLimits}. Reading it to its end checks its CRC-32 and sizes; damage is thrown as a
   * {@link ZipDamageException}, an inflation beyond the limits as a {@link ZipBombException}. The
   * same stream on every call; closing it is optional and does not close the archive.
   */
  public InputStream data() {
    return data;
  }

  @Override
  public String toString() {
    return "SalvagedEntry["
        + ArchiveException.quoted(name)
        + ", method "
        + method
        + ", at byte offset "
        + offset
        + "]";
  }
}
