package io.github.chatexport.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Small helpers shared by the records. */
final class Util {
  private Util() {}

  static int length(@Nullable String s) {
    return s == null ? 0 : s.length();
  }

  static long length(List<String> strings) {
    long total = 0;
    for (String s : strings) {
      total += s.length();
    }
    return total;
  }
}
