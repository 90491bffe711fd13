package io.github.chatexport.api;

import static java.util.Objects.requireNonNull;

import io.github.chatexport.api.internal.FrozenMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a record remembers of its JSON object beyond its typed components, so that nothing read is
 * lost and it can be written back as it was read.
 *
 * <ul>
 *   <li>{@link #fields()}: members that no typed component holds, in input order: fields this
 *       version of the model does not know, and known fields whose JSON type was not the expected
 *       one (their typed accessor is then empty, and the reader reported a {@link
 *       Warning.Kind#TYPE_MISMATCH}).
 *   <li>{@link #absent()}: names of typed fields that were <em>absent</em> from the input, as
 *       opposed to present with the value {@code null}, so that a writer can leave them out again.
 *   <li>{@link #order()}: the names of all the object's members, typed and extra, in the order they
 *       were read (each once), so that a writer can write them in that order; empty when not known
 *       (records built by hand).
 *   <li>{@link #numbers()}: for typed number fields (timestamps, weights, sizes), the text they
 *       were read with, where it differs from the text a writer would make of the typed value
 *       ({@code 1704067200} for a timestamp a writer would write as {@code 1704067200.0}). A writer
 *       uses it only while it still denotes the typed value.
 * </ul>
 *
 * <p>Records built by hand usually pass {@link #NONE}. {@link #order()} and {@link #numbers()} are
 * about how the record was written, not what it holds: they are left out of {@link #equals} and
 * {@link #hashCode}, so that a record read from one key order equals the same record read from
 * another.
 */
public record Extras(
    Map<String, RawJson> fields,
    Set<String> absent,
    List<String> order,
    Map<String, String> numbers) {
  /** No extra fields, nothing absent. */
  public static final Extras NONE = new Extras(Map.of(), Set.of());

  /** Copies the collections; {@code fields} and {@code order} keep their order. */
  public Extras {
    if (!(fields instanceof FrozenMap)) {
      LinkedHashMap<String, RawJson> copy = new LinkedHashMap<>();
      fields.forEach((k, v) -> copy.put(requireNonNull(k, "key"), requireNonNull(v, "value")));
      fields = FrozenMap.adopt(copy);
    }
    absent = Set.copyOf(absent);
    order = FrozenMap.isFrozen(order) ? order : List.copyOf(order);
    numbers =
        numbers.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
  }

  /** Extras with these fields and absent names, without memory of key order or number text. */
  public Extras(Map<String, RawJson> fields, Set<String> absent) {
    this(fields, absent, List.of(), Map.of());
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
  public boolean isEmpty() {
    return fields.isEmpty() && absent.isEmpty();
  }

  /**
   * Returns a copy in which the typed field {@code name} is neither extra nor absent: what a {@code
   * with…} method calls when a typed value replaces whatever the input had.
   */
  public Extras typed(String name) {
    if (!fields.containsKey(name) && !absent.contains(name)) {
      return this;
    }
    LinkedHashMap<String, RawJson> copy = new LinkedHashMap<>(fields);
    copy.remove(name);
    Set<String> rest = new java.util.HashSet<>(absent);
    rest.remove(name);
    // The name keeps its place in the order: a value set through the API goes where the field was.
    // Its number
    // text stays too: a writer uses it only while it still denotes the typed value.
    return new Extras(FrozenMap.adopt(copy), rest, order, numbers);
  }

  /** A copy that remembers {@code order} as the order of the object's members. */
  public Extras withOrder(List<String> order) {
    return new Extras(fields, absent, order, numbers);
  }

  @Override
  public Map<String, RawJson> fields() {
    return fields;
  }

  @Override
  public Set<String> absent() {
    return absent;
  }

  @Override
  public List<String> order() {
    return order;
  }

  @Override
  public Map<String, String> numbers() {
    return numbers;
  }

  /** Equal when the fields and the absent names are equal; order and number text are left out. */
  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof Extras e && fields.equals(e.fields) && absent.equals(e.absent);
  }

  @Override
  public int hashCode() {
    return 31 * fields.hashCode() + absent.hashCode();
  }

  @Override
  public String toString() {
    return "Extras[" + fields.size() + " fields, absent=" + absent + "]";
  }
}
