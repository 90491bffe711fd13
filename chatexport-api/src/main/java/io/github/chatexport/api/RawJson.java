package io.github.chatexport.api;

import static java.util.Objects.requireNonNull;

import io.github.chatexport.api.internal.FrozenList;
import io.github.chatexport.api.internal.FrozenMap;
import io.github.chatexport.api.internal.Numbers;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A JSON value kept as it was read, for the parts of an export that the model does not type (yet).
 *
 * <p>Nothing is lost: objects keep their key order, numbers keep their exact decimal text ({@code
 * 1.0} stays {@code 1.0}), and {@code null} is a value of its own ({@link JsonNull}). {@link
 * #toJson()} writes the value back as compact JSON.
 *
 * <p>Navigation never throws: {@code raw.get("a").get(0).asString()} is empty when any step is
 * missing.
 *
 * <pre>{@code
 * Optional<String> slug = message.metadata().raw().get("model_slug").asString();
 * }</pre>
 *
 * <p>{@code toString()} gives the kind and size of the value, never its content: exports are
 * private data and {@code toString()} ends up in logs.
 */
public sealed interface RawJson
    permits RawJson.JsonObject,
        RawJson.JsonArray,
        RawJson.JsonString,
        RawJson.JsonNumber,
        RawJson.JsonBoolean,
        RawJson.JsonNull {

  /** The value of {@code key} if this is an object that has it; else {@link JsonNull#MISSING}. */
  default RawJson get(String key) {
    return JsonNull.MISSING;
  }

  /** The element at {@code index} if this is an array that long; else {@link JsonNull#MISSING}. */
  default RawJson get(int index) {
    return JsonNull.MISSING;
  }

  /** The string, if this is a JSON string. */
  default Optional<String> asString() {
    return Optional.empty();
  }

  /**
   * The number, exactly, if this is a JSON number of bounded size: its scale and its decimal
   * exponent are both within ±10,000 (so that {@code 0.5}, {@code 1695326273.968528}, {@code 1e300}
   * and a number of a thousand digits are numbers, and {@code 1E72703000} is not). Within that
   * bound every conversion a caller makes ({@code longValue()}, {@code toBigInteger()}, {@code
   * toPlainString()}, {@code doubleValue()}) costs at most about ten thousand digits; a number
   * beyond it is empty here and still kept exactly, as {@link JsonNumber#text()}. Empty for every
   * other kind of value.
   */
  default Optional<BigDecimal> asNumber() {
    return Optional.empty();
  }

  /** The boolean, if this is {@code true} or {@code false}. */
  default Optional<Boolean> asBoolean() {
    return Optional.empty();
  }

  /** Whether this is a JSON {@code null} (or a missing value met while navigating). */
  default boolean isNull() {
    return false;
  }

  /** The value as compact JSON text. */
  default String toJson() {
    StringBuilder out = new StringBuilder();
    JsonText.write(this, out);
    return out.toString();
  }

  /**
   * The name of this kind of value, as JSON names it: object, array, string, number, boolean, null.
   */
  String kind();

  /** Returns a JSON string value. */
  static JsonString of(String value) {
    return new JsonString(value);
  }

  /** Returns a JSON boolean value. */
  static JsonBoolean of(boolean value) {
    return value ? JsonBoolean.TRUE : JsonBoolean.FALSE;
  }

  /** Returns a JSON number with the decimal text of {@code value}. */
  static JsonNumber of(BigDecimal value) {
    return new JsonNumber(value.toString());
  }

  /** Returns a JSON number with the decimal text of {@code value}. */
  static JsonNumber of(long value) {
    return new JsonNumber(Long.toString(value));
  }

  /** A JSON object; its members keep the order in which they were written. */
  record JsonObject(Map<String, RawJson> members) implements RawJson {
    /** The empty object. */
    public static final JsonObject EMPTY = new JsonObject(Map.of());

    /** Copies {@code members}, keeping their order. */
    public JsonObject {
      members = ordered(members);
    }

    @Override
    public RawJson get(String key) {
      RawJson value = members.get(key);
      return value == null ? JsonNull.MISSING : value;
    }

    /** Whether the object has a member named {@code key} (even one whose value is null). */
    public boolean has(String key) {
      return members.containsKey(key);
    }

    /**
     * Returns a copy with {@code key} set to {@code value} (kept in place if present, else added
     * last).
     */
    public JsonObject with(String key, RawJson value) {
      LinkedHashMap<String, RawJson> copy = new LinkedHashMap<>(members);
      copy.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
      return new JsonObject(copy);
    }

    /** Returns a copy without {@code key}. */
    public JsonObject without(String key) {
      if (!members.containsKey(key)) {
        return this;
      }
      LinkedHashMap<String, RawJson> copy = new LinkedHashMap<>(members);
      copy.remove(key);
      return new JsonObject(copy);
    }

    @Override
    public String kind() {
      return "object";
    }

    @Override
    public String toString() {
      return "JsonObject[" + members.size() + " members]";
    }
  }

  /** A JSON array. */
  record JsonArray(List<RawJson> elements) implements RawJson {
    /** The empty array. */
    public static final JsonArray EMPTY = new JsonArray(List.of());

    /** Copies {@code elements}. */
    public JsonArray {
      if (!(elements instanceof FrozenList)) {
        elements = List.copyOf(elements);
      }
    }

    @Override
    public RawJson get(int index) {
      return index >= 0 && index < elements.size() ? elements.get(index) : JsonNull.MISSING;
    }

    @Override
    public String kind() {
      return "array";
    }

    @Override
    public String toString() {
      return "JsonArray[" + elements.size() + " elements]";
    }
  }

  /** A JSON string. */
  record JsonString(String value) implements RawJson {
    /** Checks that {@code value} is not null. */
    public JsonString {
      requireNonNull(value, "value");
    }

    @Override
    public Optional<String> asString() {
      return Optional.of(value);
    }

    @Override
    public String kind() {
      return "string";
    }

    @Override
    public String toString() {
      return "JsonString[" + value.length() + " chars]";
    }
  }

  /**
   * A JSON number, as its decimal text. The text is kept as written so that writing it back loses
   * nothing; compare numbers with {@link #value()}, by value.
   */
  record JsonNumber(String text) implements RawJson {
    /** Checks that {@code text} is a JSON number. */
    public JsonNumber {
      requireNonNull(text, "text");
      if (!JsonText.isNumber(text)) {
        throw new IllegalArgumentException("not a JSON number: " + text);
      }
    }

    /**
     * The exact value, of any size. Making it costs time linear in the text, but converting a
     * number with a huge exponent ({@code 1E72703000}) can cost millions of digits: prefer {@link
     * #asNumber()}, which is bounded.
     */
    public BigDecimal value() {
      return new BigDecimal(text);
    }

    @Override
    public Optional<BigDecimal> asNumber() {
      BigDecimal value = value();
      return Numbers.bounded(value) ? Optional.of(value) : Optional.empty();
    }

    @Override
    public String kind() {
      return "number";
    }

    @Override
    public String toString() {
      return "JsonNumber";
    }
  }

  /** JSON {@code true} or {@code false}. */
  record JsonBoolean(boolean value) implements RawJson {
    /** {@code true}. */
    public static final JsonBoolean TRUE = new JsonBoolean(true);

    /** {@code false}. */
    public static final JsonBoolean FALSE = new JsonBoolean(false);

    @Override
    public Optional<Boolean> asBoolean() {
      return Optional.of(value);
    }

    @Override
    public String kind() {
      return "boolean";
    }

    @Override
    public String toString() {
      return "JsonBoolean";
    }
  }

  /** JSON {@code null}. */
  enum JsonNull implements RawJson {
    /** The {@code null} of the input. */
    NULL,
    /** What navigation returns for a key or index that is not there; written as {@code null}. */
    MISSING;

    @Override
    public boolean isNull() {
      return true;
    }

    /** Always null: a JSON null serializes as {@code null}. */
    public @Nullable Object value() {
      return null;
    }

    @Override
    public String kind() {
      return "null";
    }
  }

  private static <V> Map<String, V> ordered(Map<String, V> map) {
    if (map instanceof FrozenMap) {
      return map;
    }
    if (map.isEmpty()) {
      return Map.of();
    }
    LinkedHashMap<String, V> copy = new LinkedHashMap<>(map.size() * 4 / 3 + 1);
    for (Map.Entry<String, V> e : map.entrySet()) {
      copy.put(requireNonNull(e.getKey(), "key"), requireNonNull(e.getValue(), "value"));
    }
    return Collections.unmodifiableMap(copy);
  }
}
