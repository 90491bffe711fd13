package io.github.chatexport.core.internal.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import io.github.chatexport.api.Account;
import io.github.chatexport.api.Extras;
import io.github.chatexport.api.RawJson;
import io.github.chatexport.api.Warning;
import io.github.chatexport.api.internal.FrozenMap;
import io.github.chatexport.core.internal.json.JsonPaths;
import io.github.chatexport.core.internal.json.Problems;
import io.github.chatexport.core.internal.json.RawReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reads {@code user.json} into an {@link Account}. */
final class AccountParser {
  private final JsonParser p;
  private final Problems problems;

  /** A parser of the object whose START_OBJECT is {@code p}'s current token. */
  AccountParser(JsonParser p, Problems problems) {
    this.p = p;
    this.problems = problems;
  }

  /** Reads the account. */
  Account read() throws IOException {
    JsonLocation at = p.currentTokenLocation();
    RawJson.JsonObject o = (RawJson.JsonObject) new RawReader(p).read();
    LinkedHashMap<String, RawJson> rest = new LinkedHashMap<>(o.members());
    Set<String> absent = new LinkedHashSet<>();
    String id = string(o, rest, absent, "id", at);
    String email = string(o, rest, absent, "email", at);
    Boolean plus = null;
    RawJson plusValue = take(o, rest, absent, "chatgpt_plus_user");
    if (plusValue instanceof RawJson.JsonBoolean b) {
      plus = b.value();
    } else if (plusValue != null && !plusValue.isNull()) {
      mismatch("chatgpt_plus_user", "a boolean", plusValue, at);
      rest.put("chatgpt_plus_user", plusValue);
    }
    String phone = string(o, rest, absent, "phone_number", at);
    Integer birthYear = null;
    RawJson birth = take(o, rest, absent, "birth_year");
    if (birth instanceof RawJson.JsonNumber n && isInt(n.value())) {
      birthYear = n.value().intValueExact();
    } else if (birth != null && !birth.isNull()) {
      mismatch("birth_year", "an integer", birth, at);
      rest.put("birth_year", birth);
    }
    if (id == null) {
      problems.warn(Warning.Kind.MISSING_FIELD, "user.json has no id", at, "$.id");
      id = "";
    }
    Map<String, String> numbers =
        birth instanceof RawJson.JsonNumber n
                && birthYear != null
                && !n.text().equals(birthYear.toString())
            ? Map.of("birth_year", n.text())
            : Map.of();
    return new Account(
        id,
        email,
        plus,
        phone,
        birthYear,
        new Extras(FrozenMap.adopt(rest), absent, List.copyOf(o.members().keySet()), numbers));
  }

  private static boolean isInt(BigDecimal d) {
    try {
      d.intValueExact();
      return true;
    } catch (ArithmeticException e) {
      return false;
    }
  }

  private static @Nullable RawJson take(
      RawJson.JsonObject o, Map<String, RawJson> rest, Set<String> absent, String name) {
    if (!o.has(name)) {
      absent.add(name);
      return null;
    }
    return rest.remove(name);
  }

  private @Nullable String string(
      RawJson.JsonObject o,
      Map<String, RawJson> rest,
      Set<String> absent,
      String name,
      JsonLocation at) {
    RawJson v = take(o, rest, absent, name);
    if (v instanceof RawJson.JsonString s) {
      return s.value();
    }
    if (v != null && !v.isNull()) {
      mismatch(name, "a string", v, at);
      rest.put(name, v);
    }
    return null;
  }

  private void mismatch(String name, String expected, RawJson v, JsonLocation at) {
    problems.warn(
        Warning.Kind.TYPE_MISMATCH,
        "expected " + expected + ", found " + v.kind() + "; kept as is",
        at,
        JsonPaths.child("$", name));
  }
}
