package io.github.chatexport.cli;

import io.github.chatexport.api.FileNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * File names made from untrusted text (titles, asset names, ids), safe on Windows, macOS and Linux,
 * and a check that a path stays inside its folder.
 */
final class SafeName {
  private SafeName() {}

  /**
   * A safe file name for {@code untrusted}, of at most about {@code maxBytes} UTF-8 bytes (a {@code
   * _} may be prefixed to a Windows device name); {@code fallback} when nothing usable is left.
   *
   * <p>The rules are the library's ({@link FileNames#safe}); this adds the fallback.
   */
  static String of(String untrusted, int maxBytes, String fallback) {
    String cut = cut(untrusted, maxBytes);
    if (cut.isBlank()) {
      return fallback;
    }
    String name = FileNames.safe(cut, Math.min(FileNames.MAX_BYTES, Math.max(1, maxBytes)));
    return name.equals("_") && !cut.strip().equals("_") ? fallback : name;
  }

  /** At most {@code maxBytes} UTF-8 bytes of {@code s}, cut between code points. */
  static String cut(String s, int maxBytes) {
    int bytes = 0;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes > maxBytes) {
        break;
      }
      i += Character.charCount(cp);
    }
    return s.substring(0, i);
  }

  /** The UTF-8 length of {@code s}. */
  static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * {@code dir.resolve(name)}, after checking that {@code name} is one plain file name and that the
   * result stays in {@code dir}: the last guard before anything is written.
   *
   * @throws IllegalStateException if it would not (a bug: names are made safe before)
   */
  static Path inside(Path dir, String name) {
    if (name.isEmpty()
        || name.equals(".")
        || name.equals("..")
        || name.indexOf('/') >= 0
        || name.indexOf('\\') >= 0
        || name.indexOf(':') >= 0
        || name.indexOf('\0') >= 0) {
      throw new IllegalStateException("refusing an unsafe file name");
    }
    Path base = dir.toAbsolutePath().normalize();
    Path target = base.resolve(name).normalize();
    if (!base.equals(target.getParent())) {
      throw new IllegalStateException("refusing to write outside " + base);
    }
    return target;
  }
}
