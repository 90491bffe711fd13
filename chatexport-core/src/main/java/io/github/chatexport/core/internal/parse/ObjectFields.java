package io.github.chatexport.core.internal.parse;

import io.github.chatexport.api.Extras;
import io.github.chatexport.api.RawJson;
import io.github.chatexport.api.Warning;
import io.github.chatexport.api.internal.FrozenMap;
import io.github.chatexport.api.internal.Numbers;
import io.github.chatexport.core.internal.json.Problems;
import io.github.chatexport.core.internal.json.Timestamps;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the typed fields of one JSON object read whole; whatever is not taken as typed ends up in
 * its extras, and a field of an unexpected JSON type is kept there with a warning.
 */
@SuppressWarnings("ReferenceEquality") // jackson interns field names: identity first, equals after
final class ObjectFields {
  private final Problems problems;
  private final RawJson.JsonObject o;
  private final Mark at;
  private final LazyPath path;

  /**
   * The members of {@link #o}, or null when they are not a {@link FrozenMap} (then typed names go
   * by name).
   */
  private final @Nullable FrozenMap<RawJson> frozen;

  /** The positions of the members taken as typed, for the first 64 members. */
  private long typedBits;

  /**
   * The name last looked up by {@link #value} and its position, to mark it typed without a second
   * lookup.
   */
  private @Nullable String lastName;

  private int lastIndex = -1;
  private int typedCount;

  /**
   * The names taken as typed that {@link #typedBits} cannot hold: few per object, so a small array.
   */
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
    this.frozen = o.members() instanceof FrozenMap<RawJson> f ? f : null;
  }

  /** Marks the member {@code name}, which {@link #o} has, as typed. */
  private void typed(String name) {
    if (frozen != null) {
      int i = name == lastName ? lastIndex : frozen.indexOfKey(name);
      if (i >= 0 && i < 64) {
        long bit = 1L << i;
        if ((typedBits & bit) == 0) {
          typedBits |= bit;
          typedCount++;
        }
        return;
      }
    }
    typed.add(name);
  }

  private boolean isTyped(int i, String name) {
    return frozen != null && i < 64 ? (typedBits & 1L << i) != 0 : typed.contains(name);
  }

  /**
   * Marks {@code name} as a field the record holds (for {@code content_type}, which the type
   * encodes).
   */
  void take(String name) {
    if (o.has(name)) {
      typed(name);
    } else {
      absent.add(name);
    }
  }

  private @Nullable RawJson value(String name) {
    RawJson v;
    if (frozen != null) {
      int i = frozen.indexOfKey(name);
      lastName = name;
      lastIndex = i;
      v = i < 0 ? null : frozen.valueAt(i);
    } else {
      v = o.members().get(name);
    }
    if (v == null) {
      absent.add(name);
    }
    return v;
  }

  private void mismatch(String name, RawJson v, String expected) {
    problems.warn(
        Warning.Kind.TYPE_MISMATCH,
        "expected " + expected + ", found " + ContentReader.article(v.kind()) + "; kept as is",
        at.toLocation(),
        path.key(name).toString());
  }

  @Nullable String string(String name) {
    RawJson v = value(name);
    if (v == null) {
      return null;
    }
    if (v instanceof RawJson.JsonString s) {
      typed(name);
      return s.value();
    }
    if (v.isNull()) {
      typed(name);
    } else {
      mismatch(name, v, "a string");
    }
    return null;
  }

  /**
   * A string the record holds as non-null: null stays in the extras (as written), absent reads as
   * empty.
   */
  String text(String name) {
    RawJson v = value(name);
    if (v instanceof RawJson.JsonString s) {
      typed(name);
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
      typed(name);
      return b.value();
    }
    if (v.isNull()) {
      typed(name);
    } else {
      mismatch(name, v, "a boolean");
    }
    return null;
  }

  /** The text of typed numbers that a writer would not write back as read. */
  private java.util.@Nullable LinkedHashMap<String, String> numbers;

  private void numberText(String name, String text) {
    if (numbers == null) {
      numbers = new java.util.LinkedHashMap<>();
    }
    numbers.put(name, text);
  }

  @Nullable BigDecimal number(String name) {
    RawJson v = value(name);
    if (v == null) {
      return null;
    }
    if (v instanceof RawJson.JsonNumber n) {
      BigDecimal d = n.value();
      if (!Numbers.bounded(d)) {
        problems.warn(
            Warning.Kind.TYPE_MISMATCH,
            "expected a number, found one with an exponent beyond ±"
                + Numbers.MAX_SCALE
                + "; kept as is",
            at.toLocation(),
            path.key(name).toString());
        return null;
      }
      typed(name);
      String text = n.text();
      if (!ConversationParser.plainDecimal(text.toCharArray(), 0, text.length())) {
        numberText(name, text);
      }
      return d;
    }
    if (v.isNull()) {
      typed(name);
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

  /**
   * A value the record holds as raw JSON: absent reads as null, JSON null as {@link
   * RawJson.JsonNull#NULL}.
   */
  @Nullable RawJson raw(String name) {
    RawJson v = value(name);
    if (v != null) {
      typed(name);
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
      typed(name);
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
      typed(name);
      return a;
    }
    if (v != null && !v.isNull()) {
      mismatch(name, v, "an array");
    }
    return null;
  }

  /**
   * A time written as epoch seconds (a number) or as ISO-8601 text; anything else, or a number that
   * an {@code Instant} cannot hold exactly, stays in the extras.
   */
  @Nullable Instant instant(String name) {
    RawJson v = value(name);
    if (v == null) {
      return null;
    }
    if (v instanceof RawJson.JsonNumber n) {
      Instant t = Timestamps.parse(n.text());
      if (t != null) {
        typed(name);
        String text = n.text();
        if (!Timestamps.isCanonical(text.toCharArray(), 0, text.length())) {
          numberText(name, text);
        }
      } else {
        problems.warn(
            Warning.Kind.TYPE_MISMATCH,
            "expected a number of seconds from year 1 to 9999 with at most"
                + " nine decimals, found another number; kept as is",
            at.toLocation(),
            path.key(name).toString());
      }
      return t;
    }
    if (v instanceof RawJson.JsonString s) {
      Instant t = iso(s.value());
      if (t != null && t.toString().equals(s.value())) {
        typed(name);
        return t;
      }
      if (t == null) {
        mismatch(name, v, "a time");
      }
      return t;
    }
    if (v.isNull()) {
      typed(name);
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
    List<String> order = frozen != null ? frozen.keyList() : List.copyOf(members.keySet());
    Map<String, String> texts = numbers == null ? Map.of() : numbers;
    if (typedCount + typed.size() == members.size()
        && absent.isEmpty()
        && order.isEmpty()
        && texts.isEmpty()) {
      return Extras.NONE;
    }
    int n = members.size() - typedCount - typed.size();
    if (n <= 0) {
      return new Extras(FrozenMap.empty(), absent.toSet(), order, texts);
    }
    String[] keys = new String[n];
    Object[] values = new Object[n];
    int k = 0;
    if (frozen != null) {
      for (int i = 0, size = frozen.size(); i < size; i++) {
        String key = frozen.keyAt(i);
        if (!isTyped(i, key)) {
          keys[k] = key;
          values[k++] = frozen.valueAt(i);
        }
      }
    } else {
      for (Map.Entry<String, RawJson> e : members.entrySet()) {
        if (!typed.contains(e.getKey())) {
          keys[k] = e.getKey();
          values[k++] = e.getValue();
        }
      }
    }
    return new Extras(FrozenMap.adopt(keys, values, k), absent.toSet(), order, texts);
  }
}
