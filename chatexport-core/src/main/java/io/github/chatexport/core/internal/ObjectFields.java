package io.github.chatexport.core.internal;

import io.github.chatexport.api.Extras;
import io.github.chatexport.api.RawJson;
import io.github.chatexport.api.Warning;
import io.github.chatexport.api.internal.FrozenMap;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the typed fields of one JSON object read whole; whatever is not taken as typed ends up in its extras,
 * and a field of an unexpected JSON type is kept there with a warning.
 */
final class ObjectFields {
private final Problems problems;
  private final RawJson.JsonObject o;
  private final Mark at;
  private final LazyPath path;
  /** The names taken as typed: few per object, so a small array beats a hash set. */
  private final Names typed = new Names();
  private final Names absent = new Names();

  /** A small set of names, in insertion order. */
  private static final class Names {
    private static final String[] NONE = new String[0];

    private String[] names = NONE;
    private int size;

    void add(String name) {
      if (contains(name)) {
        return;
      }
      if (size == names.length) {
        names = java.util.Arrays.copyOf(names, Math.max(4, size * 2));
      }
      names[size++] = name;
    }

    boolean contains(String name) {
      for (int i = 0; i < size; i++) {
        if (names[i] == name || names[i].equals(name)) {
          return true;
        }
      }
      return false;
    }

    int size() {
      return size;
    }

    boolean isEmpty() {
      return size == 0;
    }

    Set<String> toSet() {
      return size == 0 ? Set.of() : Set.of(java.util.Arrays.copyOf(names, size));
    }
  }

  ObjectFields(Problems problems, RawJson.JsonObject o, Mark at, LazyPath path) {
    this.problems = problems;
    this.o = o;
    this.at = at;
    this.path = path;
  }

  /** Marks {@code name} as a field the record holds (for {@code content_type}, which the type encodes). */
  void take(String name) {
    if (o.has(name)) {
      typed.add(name);
    } else {
      absent.add(name);
    }
  }

  private @Nullable RawJson value(String name) {
    RawJson v = o.members().get(name);
    if (v == null) {
      absent.add(name);
    }
    return v;
  }

  private void mismatch(String name, RawJson v, String expected) {
    problems.warn(Warning.Kind.TYPE_MISMATCH,
        "expected " + expected + ", found " + ContentReader.article(v.kind()) + "; kept as is", at.toLocation(),
        path.key(name).toString());
  }

  @Nullable String string(String name) {
    RawJson v = value(name);
    if (v == null) {
      return null;
    }
    if (v instanceof RawJson.JsonString s) {
      typed.add(name);
      return s.value();
    }
    if (v.isNull()) {
      typed.add(name);
    } else {
      mismatch(name, v, "a string");
    }
    return null;
  }

  /** A string the record holds as non-null: null stays in the extras (as written), absent reads as empty. */
  String text(String name) {
    RawJson v = value(name);
    if (v instanceof RawJson.JsonString s) {
      typed.add(name);
      return s.value();
    }
    if (v != null && !v.isNull()) {
      mismatch(name, v, "a string");
    }
    return "";
  }

  @Nullable Boolean bool(String name) {
    RawJson v = value(name);
    if (v == null) {
      return null;
    }
    if (v instanceof RawJson.JsonBoolean b) {
      typed.add(name);
      return b.value();
    }
    if (v.isNull()) {
      typed.add(name);
    } else {
      mismatch(name, v, "a boolean");
    }
    return null;
  }

  @Nullable BigDecimal number(String name) {
    RawJson v = value(name);
    if (v == null) {
      return null;
    }
    if (v instanceof RawJson.JsonNumber n) {
      typed.add(name);
      return n.value();
    }
    if (v.isNull()) {
      typed.add(name);
    } else {
      mismatch(name, v, "a number");
    }
    return null;
  }

  @Nullable Long longValue(String name) {
    RawJson v = o.members().get(name);
    if (v instanceof RawJson.JsonNumber n && !fits(n, Long.MAX_VALUE)) {
      return null; // kept in the extras, exactly
    }
    BigDecimal d = number(name);
    return d == null ? null : d.longValueExact();
  }

  @Nullable Integer intValue(String name) {
    RawJson v = o.members().get(name);
    if (v instanceof RawJson.JsonNumber n && !fits(n, Integer.MAX_VALUE)) {
      return null;
    }
    BigDecimal d = number(name);
    return d == null ? null : d.intValueExact();
  }

  private boolean fits(RawJson.JsonNumber n, long max) {
    try {
      BigDecimal d = n.value();
      if (d.stripTrailingZeros().scale() > 0 || d.abs().compareTo(BigDecimal.valueOf(max)) > 0) {
        return false;
      }
      // 1.0 is 1 by value, but a writer would write it back as 1: keep such numbers in the extras.
      return n.text().indexOf('.') < 0 && n.text().indexOf('e') < 0 && n.text().indexOf('E') < 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** A value the record holds as raw JSON: absent reads as null, JSON null as {@link RawJson.JsonNull#NULL}. */
  @Nullable RawJson raw(String name) {
    RawJson v = value(name);
    if (v != null) {
      typed.add(name);
    }
    return v;
  }

  @Nullable List<String> strings(String name) {
    RawJson v = value(name);
    if (v == null) {
      return List.of();
    }
    if (v instanceof RawJson.JsonArray a) {
      List<String> out = new ArrayList<>(a.elements().size());
      for (RawJson e : a.elements()) {
        if (!(e instanceof RawJson.JsonString s)) {
          mismatch(name, v, "an array of strings");
          return null;
        }
        out.add(s.value());
      }
      typed.add(name);
      return out;
    }
    if (!v.isNull()) {
      mismatch(name, v, "an array of strings");
    }
    return null;
  }

  RawJson.@Nullable JsonArray array(String name) {
    RawJson v = value(name);
    if (v instanceof RawJson.JsonArray a) {
      typed.add(name);
      return a;
    }
    if (v != null && !v.isNull()) {
      mismatch(name, v, "an array");
    }
    return null;
  }

  /**
   * A time written as epoch seconds (a number) or as ISO-8601 text; anything else, or a number that an
   * {@code Instant} cannot hold exactly, stays in the extras.
   */
  @Nullable Instant instant(String name) {
    RawJson v = value(name);
    if (v == null) {
      return null;
    }
    if (v instanceof RawJson.JsonNumber n) {
      Instant t = Timestamps.parse(n.text());
      if (t != null) {
        typed.add(name);
      }
      return t;
    }
    if (v instanceof RawJson.JsonString s) {
      Instant t = iso(s.value());
      if (t != null && t.toString().equals(s.value())) {
        typed.add(name);
        return t;
      }
      if (t == null) {
        mismatch(name, v, "a time");
      }
      return t;
    }
    if (v.isNull()) {
      typed.add(name);
    } else {
      mismatch(name, v, "a time");
    }
    return null;
  }

  static @Nullable Instant iso(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  Extras extras() {
    Map<String, RawJson> members = o.members();
    if (typed.size() == members.size() && absent.isEmpty()) {
      return Extras.NONE;
    }
    LinkedHashMap<String, RawJson> rest = new LinkedHashMap<>();
    for (Map.Entry<String, RawJson> e : members.entrySet()) {
      if (!typed.contains(e.getKey())) {
        rest.put(e.getKey(), e.getValue());
      }
    }
    return new Extras(FrozenMap.adopt(rest), absent.toSet());
  }
}
