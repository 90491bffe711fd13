package io.github.chatexport.core.internal.parse;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The typed field names of one kind of JSON object, and a cache of the sets of those absent. */
final class Absent {
  private final String[] names;
  private final ConcurrentHashMap<Integer, Set<String>> cache = new ConcurrentHashMap<>();

  Absent(String... names) {
    if (names.length > 31) {
      throw new IllegalArgumentException("too many names");
    }
    this.names = names;
  }

  /** The bit of {@code name}'s index. */
  int bit(int index) {
    return 1 << index;
  }

  /** The names whose bit is not set in {@code seen}. */
  Set<String> of(int seen) {
    int all = (1 << names.length) - 1;
    if ((seen & all) == all) {
      return Set.of();
    }
    return cache.computeIfAbsent(
        seen,
        s -> {
          Set<String> out = new LinkedHashSet<>();
          for (int i = 0; i < names.length; i++) {
            if ((s & 1 << i) == 0) {
              out.add(names[i]);
            }
          }
          return Set.copyOf(out);
        });
  }
}
