package io.github.chatexport.api;

import io.github.chatexport.api.internal.SafeNames;

/**
 * File names made from the export's untrusted text (titles, asset display names, ids), safe to
 * create on Windows, macOS and Linux.
 */
public final class FileNames {
  /** The longest name most file systems accept, in UTF-8 bytes. */
  public static final int MAX_BYTES = SafeNames.MAX_BYTES;

  private FileNames() {}

  /**
   * A file name for {@code untrusted}: deterministic, never empty, {@code .} or {@code ..}; in
   * Unicode NFC; free of path separators, of the characters Windows forbids and of control
   * characters (each replaced by {@code _}); without leading dots, a leading {@code -}, or trailing
   * dots and spaces; never a Windows device name ({@code CON}, {@code NUL}, {@code COM1}, …, which
   * get a {@code _} prefix); at most {@code maxUtf8Bytes} bytes, cut between code points and
   * keeping a short extension. Different inputs can give the same name: a caller writing several
   * files still makes them unique.
   *
   * @param untrusted the text to make a name of
   * @param maxUtf8Bytes the most UTF-8 bytes, from 1 to {@link #MAX_BYTES}
   * @throws IllegalArgumentException if {@code maxUtf8Bytes} is out of range
   */
  public static String safe(String untrusted, int maxUtf8Bytes) {
    return SafeNames.fileName(untrusted, maxUtf8Bytes);
  }
}
