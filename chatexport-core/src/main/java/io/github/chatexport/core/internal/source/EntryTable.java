package io.github.chatexport.core.internal.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The entries of a folder or an archive as they are found, each with what its source needs to open
 * it: under their normalized names ({@link EntryNames#normalize}), unsafe names left out, the first
 * of two entries of one name kept; then {@linkplain #sorted() sorted} by name, the stable order of
 * {@link ExportSource#entries()}.
 */
final class EntryTable<T> {
  private final List<String> names = new ArrayList<>();
  private final Map<String, T> byName = new HashMap<>();

  /**
   * Adds the entry stored as {@code rawName}.
   *
   * @return its normalized name, or null if it is left out (unsafe, or a name already added)
   */
  @Nullable String add(String rawName, T value) {
    String name = EntryNames.normalize(rawName);
    if (name == null || byName.containsKey(name)) {
      return null;
    }
    byName.put(name, value);
    names.add(name);
    return name;
  }

  /** The entries added, by name in name order. */
  Map<String, T> sorted() {
    List<String> order = new ArrayList<>(names);
    Collections.sort(order);
    Map<String, T> out = new LinkedHashMap<>();
    for (String name : order) {
      out.put(name, byName.get(name));
    }
    return Collections.unmodifiableMap(out);
  }
}
