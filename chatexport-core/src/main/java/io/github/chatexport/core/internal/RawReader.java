package io.github.chatexport.core.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.chatexport.api.RawJson;
import io.github.chatexport.api.internal.FrozenMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/** Reads the value at the parser's current token as a {@link RawJson} tree, keeping key order and number text. */
public final class RawReader {
  private static final int SCAN = 16;

  private final JsonParser p;

  /** A reader of values from {@code p}. */
  public RawReader(JsonParser p) {
    this.p = p;
  }

  /**
   * Reads the value whose first token is current, leaving the parser on its last token. Nesting is bounded by
   * the parser's nesting limit.
   */
  public RawJson read() throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      throw new IOException("no current token");
    }
    switch (t) {
      case START_OBJECT: {
        String name = p.nextFieldName();
        if (name == null) {
          return RawJson.JsonObject.EMPTY;
        }
        String[] keys = new String[8];
        RawJson[] values = new RawJson[8];
        int size = 0;
        HashMap<String, Integer> positions = null;
        for (; name != null; name = p.nextFieldName()) {
          p.nextToken();
          RawJson value = read();
          int existing;
          if (positions != null) {
            Integer at = positions.putIfAbsent(name, size);
            existing = at == null ? -1 : at;
          } else {
            existing = -1;
            for (int k = 0; k < size; k++) {
              if (keys[k] == name || keys[k].equals(name)) {
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
            values[existing] = value; // a repeated key: the last value wins, as in most JSON readers
            continue;
          }
          if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
          }
          keys[size] = name;
          values[size++] = value;
        }
        return new RawJson.JsonObject(FrozenMap.adopt(keys, values, size));
      }
      case START_ARRAY: {
        List<RawJson> elements = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          elements.add(read());
        }
        return elements.isEmpty() ? RawJson.JsonArray.EMPTY : new RawJson.JsonArray(elements);
      }
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
}
