package io.github.chatexport.core.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import java.io.IOException;
import java.io.InputStream;

/**
 * A factory whose parsers over bytes in memory read them as UTF-8, always. Jackson otherwise
 * guesses the encoding from the first four bytes it is given: a piece of a conversations file that
 * a parallel pass parses starts at a bracket, and {@code [} followed by a NUL looked like UTF-16LE
 * to it, while the serial parser of the same file had chosen UTF-8 (a fuzz finding). Parsers over
 * streams still detect the encoding (and skip a byte order mark) as jackson does; a parallel pass
 * leaves a file whose first bytes could be another encoding to the serial parser.
 */
final class Utf8JsonFactory extends JsonFactory {
  private static final long serialVersionUID = 1L;

  Utf8JsonFactory(JsonFactoryBuilder builder) {
    super(builder);
  }

  @Override
  protected JsonParser _createParser(byte[] data, int offset, int len, IOContext ctxt)
      throws IOException {
    // As jackson's bootstrapper builds the UTF-8 parser, without guessing: offsets count from
    // data[offset].
    return new UTF8StreamJsonParser(
        ctxt,
        _parserFeatures,
        null,
        _objectCodec,
        _byteSymbolCanonicalizer.makeChildOrPlaceholder(_factoryFeatures),
        data,
        offset,
        offset + len,
        -offset,
        false);
  }

  /**
   * A parser that reads {@code in} as UTF-8, without guessing (as {@link #_createParser(byte[],
   * int, int, IOContext)} reads bytes in memory): for bytes in memory whose end is damage, which
   * the stream throws when the parser asks for more than the bytes, exactly where a serial read
   * meets it.
   */
  JsonParser createUtf8Parser(InputStream in) {
    IOContext ctxt = _createContext(_createContentReference(in), true);
    return new UTF8StreamJsonParser(
        ctxt,
        _parserFeatures,
        in,
        _objectCodec,
        _byteSymbolCanonicalizer.makeChild(_factoryFeatures),
        ctxt.allocReadIOBuffer(),
        0,
        0,
        0,
        true);
  }
}
