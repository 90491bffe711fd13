package io.github.chatexport.core.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.chatexport.api.RawJson;
import io.github.chatexport.api.Warning;
import io.github.chatexport.api.internal.FrozenList;
import io.github.chatexport.api.internal.FrozenMap;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads the value at the parser's current token as a {@link RawJson} tree, keeping key order and
 * number text.
 *
 * <p>Members and elements are gathered in scratch arrays kept per nesting depth and reused from
 * value to value; each object or array then gets one array of its exact size.
 */
@SuppressWarnings("ReferenceEquality") // jackson interns field names: identity first, equals after
public final class RawReader {
  /** Up to this many members, repeated keys are found by scanning; beyond, by a hash index. */
  private static final int SCAN = 32;

  /**
   * Scratch arrays grown beyond this many slots (by a large object or array) are not kept for
   * reuse.
   */
  private static final int KEEP = 1024;

  /** The warning for a repeated key. */
  public static final String DUPLICATE = "the object has this key twice; the later value is kept";

  private final JsonParser p;

  /** Where repeated keys are reported, or null not to report them. */
  private final @Nullable Problems duplicates;

  private String[][] keyScratch = new String[8][];
  private Object[][] valueScratch = new Object[8][];

  /**
   * The keys of the last object read at each depth, to share with the next one if it has the same
   * keys.
   */
  private String[][] shapes = new String[8][];

  /**
   * A reader of values from {@code p}; a repeated key in an object is dropped silently (the later
   * wins).
   */
  public RawReader(JsonParser p) {
    this(p, null);
  }

  /**
   * A reader of values from {@code p} that reports each repeated key in an object (whose later
   * occurrence wins) to {@code duplicates} as a {@link Warning.Kind#DUPLICATE_KEY} warning.
   */
  public RawReader(JsonParser p, @Nullable Problems duplicates) {
    this.p = p;
    this.duplicates = duplicates;
  }

  /**
   * Reads the value whose first token is current, leaving the parser on its last token. Nesting is
   * bounded by the parser's nesting limit.
   */
  public RawJson read() throws IOException {
    return read(0);
  }

  private RawJson read(int depth) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      throw new IOException("no current token");
    }
    switch (t) {
      case START_OBJECT:
        return object(depth);
      case START_ARRAY:
        return array(depth);
      case VALUE_STRING:
        return new RawJson.JsonString(p.getText());
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new RawJson.JsonNumber(p.getText());
      case VALUE_TRUE:
        return RawJson.JsonBoolean.TRUE;
      case VALUE_FALSE:
        return RawJson.JsonBoolean.FALSE;
      case VALUE_NULL:
        return RawJson.JsonNull.NULL;
      default:
        throw new IOException("unexpected token " + t);
    }
  }

  private Object[] values(int depth) {
    if (depth >= valueScratch.length) {
      valueScratch = Arrays.copyOf(valueScratch, Math.max(depth + 1, valueScratch.length * 2));
    }
    Object[] values = valueScratch[depth];
    if (values == null) {
      values = new Object[16];
      valueScratch[depth] = values;
    }
    return values;
  }

  private String[] keys(int depth) {
    if (depth >= keyScratch.length) {
      keyScratch = Arrays.copyOf(keyScratch, Math.max(depth + 1, keyScratch.length * 2));
    }
    String[] keys = keyScratch[depth];
    if (keys == null) {
      keys = new String[16];
      keyScratch[depth] = keys;
    }
    return keys;
  }

  private RawJson object(int depth) throws IOException {
    String name = p.nextFieldName();
    if (name == null) {
      return RawJson.JsonObject.EMPTY;
    }
    String[] keys = keys(depth);
    Object[] values = values(depth);
    int size = 0;
    // Slots emptied by repeated keys once the object is indexed; removed at the end.
    int holes = 0;
    HashMap<String, Integer> positions = null;
    for (; name != null; name = p.nextFieldName()) {
      int existing = -1;
      if (positions != null) {
        Integer at = positions.put(name, size);
        if (at != null) {
          existing = at;
        }
      } else {
        for (int k = 0; k < size; k++) {
          String key = keys[k];
          if (key == name || key.equals(name)) {
            existing = k;
            break;
          }
        }
        if (size >= SCAN && existing < 0) {
          // A large object: index its keys, so that checking for repeated keys stays linear.
          positions = new HashMap<>();
          for (int k = 0; k < size; k++) {
            positions.put(keys[k], k);
          }
          positions.put(name, size);
        }
      }
      if (existing >= 0) {
        // A repeated key: the later occurrence wins, in its own place, and the earlier one is
        // dropped (as most
        // JSON readers do, and as the typed fields of a record do).
        if (duplicates != null) {
          duplicates.warn(
              Warning.Kind.DUPLICATE_KEY,
              DUPLICATE,
              p.currentTokenLocation(),
              JsonPaths.of(p.getParsingContext()));
        }
        if (positions != null) {
          keys[existing] = null; // a hole, so that a hostile object stays linear
          values[existing] = null;
          holes++;
        } else {
          // At most SCAN keys: moving the later ones down is cheap.
          System.arraycopy(keys, existing + 1, keys, existing, size - existing - 1);
          System.arraycopy(values, existing + 1, values, existing, size - existing - 1);
          size--;
        }
      }
      p.nextToken();
      RawJson value = read(depth + 1);
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        values = Arrays.copyOf(values, size * 2);
        if (keys.length <= KEEP) {
          keyScratch[depth] = keys;
          valueScratch[depth] = values;
        }
      }
      keys[size] = name;
      values[size++] = value;
    }
    if (holes > 0) {
      int k = 0;
      for (int i = 0; i < size; i++) {
        if (keys[i] != null) {
          keys[k] = keys[i];
          values[k++] = values[i];
        }
      }
      Arrays.fill(keys, k, size, null);
      Arrays.fill(values, k, size, null);
      size = k;
    }
    String[] exactKeys = sameKeys(depth, keys, size);
    Object[] exactValues = new Object[size];
    System.arraycopy(values, 0, exactValues, 0, size);
    // Let go of the values (the keys are the parser's own, canonical names).
    Arrays.fill(values, 0, size, null);
    return new RawJson.JsonObject(FrozenMap.adopt(exactKeys, exactValues, size));
  }

  /**
   * The first {@code size} of {@code keys} as an array of their own. Objects in a row often have
   * the same keys in the same order (the elements of an array, the metadata of successive
   * messages): when the keys are those of the previous object at this depth, its array is shared (a
   * {@link FrozenMap} never changes its keys).
   */
  private String[] sameKeys(int depth, String[] keys, int size) {
    if (depth >= shapes.length) {
      shapes = Arrays.copyOf(shapes, Math.max(depth + 1, shapes.length * 2));
    }
    String[] last = shapes[depth];
    if (last != null && last.length == size) {
      int i = 0;
      while (i < size && last[i] == keys[i]) {
        i++;
      }
      if (i == size) {
        return last;
      }
    }
    String[] exact = new String[size];
    System.arraycopy(keys, 0, exact, 0, size);
    shapes[depth] = exact;
    return exact;
  }

  private RawJson array(int depth) throws IOException {
    if (p.nextToken() == JsonToken.END_ARRAY) {
      return RawJson.JsonArray.EMPTY;
    }
    Object[] elements = values(depth);
    int size = 0;
    do {
      RawJson element = read(depth + 1);
      if (size == elements.length) {
        elements = Arrays.copyOf(elements, size * 2);
        if (elements.length <= KEEP) {
          valueScratch[depth] = elements;
        }
      }
      elements[size++] = element;
    } while (p.nextToken() != JsonToken.END_ARRAY);
    Object[] exact = new Object[size];
    System.arraycopy(elements, 0, exact, 0, size);
    Arrays.fill(elements, 0, size, null);
    return new RawJson.JsonArray(FrozenList.adopt(exact));
  }
}
