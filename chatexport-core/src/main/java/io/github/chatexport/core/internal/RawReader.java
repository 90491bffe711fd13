package io.github.chatexport.core.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.chatexport.api.RawJson;
import io.github.chatexport.api.internal.FrozenMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** Reads the value at the parser's current token as a {@link RawJson} tree, keeping key order and number text. */
public final class RawReader {
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
        LinkedHashMap<String, RawJson> members = new LinkedHashMap<>();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
          p.nextToken();
          members.put(name, read());
        }
        return members.isEmpty() ? RawJson.JsonObject.EMPTY : new RawJson.JsonObject(FrozenMap.adopt(members));
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
