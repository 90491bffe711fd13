package io.github.chatexport.api.internal;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An unmodifiable map that keeps insertion order, built once by the reader and then handed to records without
 * another copy. Records recognize it and skip their defensive copy; nothing outside this library can obtain the
 * backing map.
 *
 * @param <V> the value type
 */
public final class FrozenMap<V> extends AbstractMap<String, V> {
  private static final FrozenMap<?> EMPTY = new FrozenMap<>(new LinkedHashMap<>(0));

  private final Map<String, V> map;

  private FrozenMap(LinkedHashMap<String, V> map) {
    this.map = Collections.unmodifiableMap(map);
  }

  /**
   * Takes ownership of {@code map}: the caller must not keep or change it afterwards. Keys and values must be
   * non-null.
   */
  @SuppressWarnings("unchecked")
  public static <V> Map<String, V> adopt(LinkedHashMap<String, V> map) {
    return map.isEmpty() ? (Map<String, V>) EMPTY : new FrozenMap<>(map);
  }

  /** Returns the empty frozen map. */
  @SuppressWarnings("unchecked")
  public static <V> Map<String, V> empty() {
    return (Map<String, V>) EMPTY;
  }

  @Override
  public Set<Entry<String, V>> entrySet() {
    return map.entrySet();
  }

  @Override
  public @Nullable V get(@Nullable Object key) {
    return map.get(key);
  }

  @Override
  public boolean containsKey(@Nullable Object key) {
    return map.containsKey(key);
  }

  @Override
  public int size() {
    return map.size();
  }
}
