package io.github.chatexport.core.internal.source;

import org.jspecify.annotations.Nullable;

/** Entry names from archives and folders, checked and normalized. */
public final class EntryNames {
  private EntryNames() {}

  /**
   * The normalized name ({@code /} separators, no leading {@code ./}), or null when the name is
   * unsafe (a {@code ..} segment, an absolute path, a drive letter, a backslash, a NUL) or is macOS
   * metadata ({@code __MACOSX/}, {@code ._*}, {@code .DS_Store}).
   */
  public static @Nullable String normalize(String name) {
    if (name.isEmpty()
        || name.indexOf('\\') >= 0
        || name.indexOf('\0') >= 0
        || name.startsWith("/")) {
      return null;
    }
    if (name.length() >= 2 && name.charAt(1) == ':') {
      return null;
    }
    StringBuilder out = new StringBuilder(name.length());
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        return null;
      }
      if (segment.equals("__MACOSX") || segment.startsWith("._") || segment.equals(".DS_Store")) {
        return null;
      }
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(segment);
    }
    return out.length() == 0 ? null : out.toString();
  }

  /** The last segment of a normalized name. */
  public static String baseName(String name) {
    int slash = name.lastIndexOf('/');
    return slash < 0 ? name : name.substring(slash + 1);
  }
}
