package io.github.chatexport.api.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * An unmodifiable map that keeps insertion order, built once by the reader and then handed to
 * records without another copy. Records recognize it and skip their defensive copy; nothing outside
 * this library can obtain its arrays.
 *
 * <p>It is two arrays, keys and values: no entry objects, no hash table for small maps (JSON
 * objects of an export mostly hold a handful of members; lookups scan them). A hash index is built
 * on the first lookup in a larger map.
 *
 * @param <V> the value type
 */
public final class FrozenMap<V> extends AbstractMap<String, V> {
  private static final int SCAN = 12;
  private static final FrozenMap<?> EMPTY = new FrozenMap<>(new String[0], new Object[0], 0);

  private final String[] keys;
  private final Object[] values;
  private final int size;
  private volatile @Nullable Map<String, Integer> index;

  private FrozenMap(String[] keys, Object[] values, int size) {
    this.keys = keys;
    this.values = values;
    this.size = size;
  }

  /** Copies {@code map}, keeping its order. Keys and values must be non-null. */
  @SuppressWarnings({
    "unchecked",
    "NonApiType"
  }) // the type says it: an insertion-ordered map is handed over
  public static <V> Map<String, V> adopt(LinkedHashMap<String, V> map) {
    if (map.isEmpty()) {
      return (Map<String, V>) EMPTY;
    }
    String[] keys = new String[map.size()];
    Object[] values = new Object[map.size()];
    int i = 0;
    for (Map.Entry<String, V> e : map.entrySet()) {
      keys[i] = e.getKey();
      values[i++] = e.getValue();
    }
    return new FrozenMap<>(keys, values, i);
  }

  /**
   * Takes ownership of the first {@code size} keys and values: the caller must not keep or change
   * the arrays. Keys must be distinct and non-null, values non-null. (The keys array, never changed
   * by the map, may be shared by several maps whose keys are the same: the reader does this for
   * objects of the same shape.)
   */
  @SuppressWarnings("unchecked")
  public static <V> Map<String, V> adopt(String[] keys, Object[] values, int size) {
    return size == 0 ? (Map<String, V>) EMPTY : new FrozenMap<>(keys, values, size);
  }

  /** Returns the empty frozen map. */
  @SuppressWarnings("unchecked")
  public static <V> Map<String, V> empty() {
    return (Map<String, V>) EMPTY;
  }

  /** The keys in order, as an unmodifiable list view (no copy). */
  public List<String> keyList() {
    return size == 0 ? List.of() : new KeyList(keys, size);
  }

  /**
   * The first {@code size} names as an unmodifiable list, taking ownership of the array (never
   * changed after): the reader shares one such list among records whose members came in the same
   * order.
   */
  public static List<String> adoptList(String[] names, int size) {
    return size == 0 ? List.of() : new KeyList(names, size);
  }

  /** Whether {@code list} is one of this class's frozen lists (no need to copy it). */
  public static boolean isFrozen(List<String> list) {
    return list instanceof KeyList;
  }

  private static final class KeyList extends java.util.AbstractList<String>
      implements java.util.RandomAccess {
    private final String[] names;
    private final int size;

    KeyList(String[] names, int size) {
      this.names = names;
      this.size = size;
    }

    @Override
    public String get(int i) {
      java.util.Objects.checkIndex(i, size);
      return names[i];
    }

    @Override
    public int size() {
      return size;
    }
  }

  /** The position of {@code key} among the keys, or -1. */
  public int indexOfKey(@Nullable Object key) {
    return indexOf(key);
  }

  /** The key at {@code i}, for {@code 0 <= i < size()}. */
  public String keyAt(int i) {
    return keys[i];
  }

  /** The value at {@code i}, for {@code 0 <= i < size()}. */
  @SuppressWarnings("unchecked")
  public V valueAt(int i) {
    return (V) values[i];
  }

  @Override
  @SuppressWarnings("unchecked")
  public void forEach(BiConsumer<? super String, ? super V> action) {
    for (int i = 0; i < size; i++) {
      action.accept(keys[i], (V) values[i]);
    }
  }

  private int indexOf(@Nullable Object key) {
    if (key == null) {
      return -1;
    }
    if (size <= SCAN) {
      for (int i = 0; i < size; i++) {
        if (keys[i] == key || keys[i].equals(key)) {
          return i;
        }
      }
      return -1;
    }
    Map<String, Integer> idx = index;
    if (idx == null) {
      idx = new HashMap<>(size * 4 / 3 + 1);
      for (int i = 0; i < size; i++) {
        idx.putIfAbsent(keys[i], i);
      }
      index = idx;
    }
    Integer i = idx.get(key);
    return i == null ? -1 : i;
  }

  @Override
  @SuppressWarnings("unchecked")
  public @Nullable V get(@Nullable Object key) {
    int i = indexOf(key);
    return i < 0 ? null : (V) values[i];
  }

  @Override
  public boolean containsKey(@Nullable Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  @Override
  public Set<Entry<String, V>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, V>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          @SuppressWarnings("unchecked")
          public Entry<String, V> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new SimpleImmutableEntry<>(keys[i], (V) values[i]);
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  @Override
  public Set<String> keySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<String> iterator() {
        return Arrays.asList(keys).subList(0, size).iterator();
      }

      @Override
      public int size() {
        return size;
      }

      @Override
      public boolean contains(@Nullable Object o) {
        return indexOf(o) >= 0;
      }
    };
  }
}
