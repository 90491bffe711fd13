package io.github.chatexport.core.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.github.chatexport.core.ChatExportException;
import io.github.chatexport.core.internal.config.ReaderConfig;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/** The JSON factory set up with the reader's limits, and the translation of parser failures. */
public final class Json {
  private Json() {}

  /**
   * A factory that enforces {@code config}'s limits and never puts input excerpts into its
   * messages.
   */
  public static JsonFactory factory(ReaderConfig config) {
    JsonFactoryBuilder builder = new JsonFactoryBuilder();
    builder
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxStringLength(config.maxStringLength())
                .maxNestingDepth(config.maxNestingDepth())
                .maxNumberLength(config.maxNumberLength())
                .build())
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        // Names stay canonical (one String per name and parser), but are not also put through
        // String.intern():
        // a mapping has thousands of unique node ids, and interning each one cost more than it
        // saved.
        .disable(JsonFactory.Feature.INTERN_FIELD_NAMES);
    return new Utf8JsonFactory(builder);
  }

  /**
   * A parser from {@code factory} that reads {@code in} as UTF-8 without guessing its encoding from
   * its first bytes, as parsers over bytes in memory do (see {@link Utf8JsonFactory}).
   */
  public static JsonParser utf8Parser(JsonFactory factory, InputStream in) throws IOException {
    return factory instanceof Utf8JsonFactory u ? u.createUtf8Parser(in) : factory.createParser(in);
  }

  /**
   * Translates an exception from the parser into a {@link ChatExportException} with its location.
   * The JSON parser's own message may quote the input, so it is summarized rather than kept.
   */
  public static ChatExportException translate(
      IOException e, @Nullable JsonParser p, Problems problems, @Nullable String conversationId) {
    return translate(e, p, problems, conversationId, -1);
  }

  /**
   * As {@link #translate(IOException, JsonParser, Problems, String)}, for a parser that has been
   * handed {@code handed} bytes of its stream in all (or -1 when unknown). An I/O error of the
   * stream itself (not the JSON's) is placed where those bytes end, all of which the parser has
   * consumed when it asks for more: jackson's own location has already counted its last buffer a
   * second time by then, by as much as that buffer held, so a serial read would place it by the
   * size of its reads rather than by the input (a parallel read, which parses the bytes before the
   * error from memory, places it at their end).
   */
  public static ChatExportException translate(
      IOException e,
      @Nullable JsonParser p,
      Problems problems,
      @Nullable String conversationId,
      long handed) {
    String path = p == null ? "$" : JsonPaths.of(p.getParsingContext());
    JsonLocation at = null;
    String problem;
    Throwable cause = null;
    if (e instanceof StreamConstraintsException) {
      problem =
          "a limit was exceeded: "
              + String.valueOf(e.getMessage())
                  .replaceAll("\\s*\\(from `StreamReadConstraints.*", "");
      at = p == null ? null : p.currentLocation();
      cause = e;
    } else if (e instanceof JsonEOFException eof && !endBeforeBytesEnd(eof, handed)) {
      problem = "the JSON ends too early (a truncated file?)";
      at = eof.getLocation();
    } else if (e instanceof JsonProcessingException jpe) {
      problem = "invalid JSON: " + describe(jpe.getOriginalMessage());
      // The parser reports the start of the offending token (or character).
      at = jpe.getLocation();
    } else if (e instanceof CharConversionException) {
      problem = "invalid character encoding";
      at = p == null ? null : p.currentLocation();
    } else {
      problem = "the input could not be read (" + e.getClass().getSimpleName() + ")";
      at = p == null ? null : p.currentLocation();
      if (at != null && handed >= 0 && at.getByteOffset() > handed) {
        long excess = at.getByteOffset() - handed;
        at =
            new JsonLocation(
                null, handed, -1, at.getLineNr(), (int) Math.max(1, at.getColumnNr() - excess));
      }
      cause = e;
    }
    return problems.error(problem, at, path, conversationId, cause);
  }

  /**
   * Whether jackson reported an end of input before the {@code handed} bytes it was given end
   * (false when either is unknown): it does so for a field name whose last UTF-8 sequence is cut
   * short by the closing quote ("Unexpected end-of-input in field name"), which is invalid UTF-8,
   * not a truncated file.
   */
  static boolean endBeforeBytesEnd(JsonEOFException e, long handed) {
    JsonLocation at = e.getLocation();
    return handed >= 0 && at != null && at.getByteOffset() >= 0 && at.getByteOffset() < handed;
  }

  private static String describe(@Nullable String message) {
    if (message == null) {
      return "unexpected input";
    }
    if (message.startsWith("Unrecognized token")) {
      return "a bare word where a value should be";
    }
    if (message.startsWith("Unexpected character")) {
      return "an unexpected character";
    }
    if (message.startsWith("Illegal unquoted character")) {
      return "an unescaped control character in a string";
    }
    if (message.startsWith("Invalid UTF-8")
        || message.startsWith("Unexpected end-of-input in field name")) {
      return "invalid UTF-8";
    }
    if (message.startsWith("Unexpected close marker")) {
      return "a closing bracket that does not match";
    }
    if (message.startsWith("Unrecognized character escape")) {
      return "an invalid escape in a string";
    }
    if (message.startsWith("Leading zeroes") || message.contains("number")) {
      return "an invalid number";
    }
    return "unexpected input";
  }
}
