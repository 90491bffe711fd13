package io.github.chatexport.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.github.chatexport.api.RawJson;
import io.github.chatexport.core.internal.json.RawReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Compares JSON documents as values: same keys, same strings, same array order, numbers equal by
 * value.
 */
final class JsonValues {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
          .build();

  private JsonValues() {}

  static RawJson parse(InputStream in) throws IOException {
    try (JsonParser p = FACTORY.createParser(in)) {
      p.nextToken();
      return new RawReader(p).read();
    }
  }

  /**
   * The first difference between two JSON documents token by token, or null when they are the same
   * but for white space: same keys in the same order, same strings, numbers with the same text.
   */
  static @Nullable String firstTokenDifference(InputStream a, InputStream b) throws IOException {
    try (JsonParser pa = FACTORY.createParser(a);
        JsonParser pb = FACTORY.createParser(b)) {
      while (true) {
        com.fasterxml.jackson.core.JsonToken ta = pa.nextToken();
        com.fasterxml.jackson.core.JsonToken tb = pb.nextToken();
        if (ta == null && tb == null) {
          return null;
        }
        String where =
            com.fasterxml.jackson.core.JsonPointer.empty().toString()
                + pa.getParsingContext().pathAsPointer()
                + " (line "
                + pa.currentLocation().getLineNr()
                + ")";
        if (ta != tb) {
          return where
              + ": "
              + ta
              + " against "
              + tb
              + (ta == com.fasterxml.jackson.core.JsonToken.FIELD_NAME
                  ? " (key " + pa.currentName() + ")"
                  : "")
              + (tb == com.fasterxml.jackson.core.JsonToken.FIELD_NAME
                  ? " (key " + pb.currentName() + ")"
                  : "");
        }
        if (ta.isScalarValue() || ta == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
          String va = pa.getText();
          String vb = pb.getText();
          if (!va.equals(vb)) {
            return where + ": " + ta + " " + abbreviate(va) + " against " + abbreviate(vb);
          }
        }
      }
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "…";
  }

  /** The path of the first difference, or null when the two are equal as JSON values. */
  static @Nullable String firstDifference(RawJson a, RawJson b) {
    return diff(a, b, "$");
  }

  private static @Nullable String diff(RawJson a, RawJson b, String path) {
    if (a instanceof RawJson.JsonObject oa && b instanceof RawJson.JsonObject ob) {
      Map<String, RawJson> ma = oa.members();
      Map<String, RawJson> mb = ob.members();
      for (String key : ma.keySet()) {
        if (!mb.containsKey(key)) {
          return path + "." + key + " (missing on the right)";
        }
        String d = diff(ma.get(key), mb.get(key), path + "." + key);
        if (d != null) {
          return d;
        }
      }
      for (String key : mb.keySet()) {
        if (!ma.containsKey(key)) {
          return path + "." + key + " (missing on the left)";
        }
      }
      return null;
    }
    if (a instanceof RawJson.JsonArray aa && b instanceof RawJson.JsonArray ab) {
      List<RawJson> ea = aa.elements();
      List<RawJson> eb = ab.elements();
      if (ea.size() != eb.size()) {
        return path + " (" + ea.size() + " elements against " + eb.size() + ")";
      }
      for (int i = 0; i < ea.size(); i++) {
        String d = diff(ea.get(i), eb.get(i), path + "[" + i + "]");
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (a instanceof RawJson.JsonNumber na && b instanceof RawJson.JsonNumber nb) {
      return na.value().compareTo(nb.value()) == 0
          ? null
          : path + " (" + na.text() + " against " + nb.text() + ")";
    }
    if (a.equals(b) || a.isNull() && b.isNull()) {
      return null;
    }
    return path + " (" + a.kind() + " against " + b.kind() + ")";
  }
}
