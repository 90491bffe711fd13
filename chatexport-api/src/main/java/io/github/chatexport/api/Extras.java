package io.github.chatexport.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.github.chatexport.api.internal.FrozenMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a record remembers of its JSON object beyond its typed components, so that nothing read is lost.
 *
 * <ul>
 *   <li>{@link #fields()}: members that no typed component holds, in input order: fields this version of the
 *       model does not know, and known fields whose JSON type was not the expected one (their typed accessor is
 *       then empty, and the reader reported a {@link Warning.Kind#TYPE_MISMATCH}).
 *   <li>{@link #absent()}: names of typed fields that were <em>absent</em> from the input, as opposed to present
 *       with the value {@code null}, so that a writer can leave them out again.
 * </ul>
 *
 * <p>Records built by hand usually pass {@link #NONE}.
 */
public record Extras(Map<String, RawJson> fields, Set<String> absent) {
  /** No extra fields, nothing absent. */
  public static final Extras NONE = new Extras(Map.of(), Set.of());

  /** Copies both collections; {@code fields} keeps its order. */
  public Extras {
    if (!(fields instanceof FrozenMap)) {
      LinkedHashMap<String, RawJson> copy = new LinkedHashMap<>();
      fields.forEach((k, v) -> copy.put(requireNonNull(k, "key"), requireNonNull(v, "value")));
      fields = FrozenMap.adopt(copy);
    }
    absent = Set.copyOf(absent);
  }

  /** Returns extras with the given fields and nothing absent. */
  public static Extras of(Map<String, RawJson> fields) {
    return fields.isEmpty() ? NONE : new Extras(fields, Set.of());
  }

  /** The extra field named {@code name}, or {@link RawJson.JsonNull#MISSING}. */
  public RawJson get(String name) {
    RawJson value = fields.get(name);
    return value == null ? RawJson.JsonNull.MISSING : value;
  }

  /** Whether the input had no field named {@code name} where the model expects one. */
  public boolean isAbsent(String name) {
    return absent.contains(name);
  }

  /** Whether there is nothing extra and nothing absent. */
  @JsonIgnore
  public boolean isEmpty() {
    return fields.isEmpty() && absent.isEmpty();
  }

  /**
   * Returns a copy in which the typed field {@code name} is neither extra nor absent: what a {@code with…} method
   * calls when a typed value replaces whatever the input had.
   */
  public Extras typed(String name) {
    if (!fields.containsKey(name) && !absent.contains(name)) {
      return this;
    }
    LinkedHashMap<String, RawJson> copy = new LinkedHashMap<>(fields);
    copy.remove(name);
    Set<String> rest = new java.util.HashSet<>(absent);
    rest.remove(name);
    return new Extras(FrozenMap.adopt(copy), rest);
  }

  /** For JSON serialization with jackson-databind: the extra fields, inlined into the enclosing object. */
  @JsonAnyGetter
  Map<String, RawJson> jsonFields() {
    return fields;
  }

  @Override
  @JsonIgnore
  public Map<String, RawJson> fields() {
    return fields;
  }

  @Override
  @JsonIgnore
  public Set<String> absent() {
    return absent;
  }

  @Override
  public String toString() {
    return "Extras[" + fields.size() + " fields, absent=" + absent + "]";
  }
}
