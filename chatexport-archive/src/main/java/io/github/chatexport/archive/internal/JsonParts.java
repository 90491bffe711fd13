package io.github.chatexport.archive.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cuts a conversation's JSON into its shell (every field, with {@code mapping} left as {@code {}})
 * and its nodes (each node's value, by node id, in order), and puts them back together. Numbers
 * keep their text, keys their order: what is joined equals what was cut as a JSON value.
 */
public final class JsonParts {
  /**
   * The pieces were written by chatexport from what its reader accepted: its limits apply, not
   * Jackson's.
   */
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxStringLength(Integer.MAX_VALUE)
                  .maxNumberLength(Integer.MAX_VALUE)
                  .maxNestingDepth(100_000)
                  .maxNameLength(Integer.MAX_VALUE)
                  .build())
          .build();

  private JsonParts() {}

  /** One node of a mapping: its key and its value as JSON text. */
  public record Node(String id, String json) {}

  /** A conversation cut into its shell and nodes. */
  public record Cut(String shell, List<Node> nodes) {}

  /**
   * Cuts {@code conversationJson} (one JSON object, as chatexport writes it: compact, with
   * Jackson's escapes) by slicing it: the pieces are its own text, which for such JSON is what
   * writing each piece again would give, without writing anything.
   */
  public static Cut cut(String conversationJson) {
    List<Node> nodes = new ArrayList<>();
    String shell = conversationJson;
    try (JsonParser p = FACTORY.createParser(conversationJson)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("a conversation is a JSON object");
      }
      boolean mappingDone = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (!mappingDone && name.equals("mapping") && value == JsonToken.START_OBJECT) {
          mappingDone = true;
          int mappingStart = start(p);
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String id = p.currentName();
            p.nextToken();
            int from = start(p);
            nodes.add(new Node(id, conversationJson.substring(from, end(p))));
          }
          int mappingEnd = end(p);
          shell =
              conversationJson.substring(0, mappingStart)
                  + "{}"
                  + conversationJson.substring(mappingEnd);
        } else {
          end(p);
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new IllegalArgumentException("a conversation is one JSON object");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Cut(shell, List.copyOf(nodes));
  }

  /** Where the parser's current token begins, in chars. */
  private static int start(JsonParser p) {
    return Math.toIntExact(p.currentTokenLocation().getCharOffset());
  }

  /** Moves past the value at the parser's current token; returns the char offset after it. */
  private static int end(JsonParser p) throws IOException {
    if (p.currentToken().isStructStart()) {
      p.skipChildren();
    } else {
      p.finishToken(); // a string's text is read lazily: read it, to be past its closing quote
    }
    return Math.toIntExact(p.currentLocation().getCharOffset());
  }

  /**
   * Writes the conversation back onto {@code out}: the shell with the nodes in its {@code mapping}.
   *
   * @param nodes node id to node JSON text, in the mapping's order
   */
  public static void join(String shell, Iterable<Map.Entry<String, String>> nodes, Writer out)
      throws IOException {
    try (JsonParser p = FACTORY.createParser(shell);
        JsonGenerator g = FACTORY.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      p.nextToken();
      g.writeStartObject();
      boolean mappingDone = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        g.writeFieldName(name);
        JsonToken value = p.nextToken();
        if (!mappingDone && name.equals("mapping") && value == JsonToken.START_OBJECT) {
          mappingDone = true;
          p.skipChildren();
          g.writeStartObject();
          for (Map.Entry<String, String> node : nodes) {
            g.writeFieldName(node.getKey());
            g.writeRawValue(node.getValue());
          }
          g.writeEndObject();
        } else {
          copy(p, g);
        }
      }
      g.writeEndObject();
    }
  }

  /** Copies the value at the parser's current token, numbers as their text. */
  static void copy(JsonParser p, JsonGenerator g) throws IOException {
    int depth = 0;
    do {
      JsonToken t = p.currentToken();
      switch (t) {
        case START_OBJECT -> {
          g.writeStartObject();
          depth++;
        }
        case START_ARRAY -> {
          g.writeStartArray();
          depth++;
        }
        case END_OBJECT -> {
          g.writeEndObject();
          depth--;
        }
        case END_ARRAY -> {
          g.writeEndArray();
          depth--;
        }
        case FIELD_NAME -> g.writeFieldName(p.currentName());
        case VALUE_STRING -> g.writeString(p.getText());
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(p.getText());
        case VALUE_TRUE -> g.writeBoolean(true);
        case VALUE_FALSE -> g.writeBoolean(false);
        case VALUE_NULL -> g.writeNull();
        default -> throw new IOException("unexpected JSON token " + t);
      }
      if (depth > 0) {
        p.nextToken();
      }
    } while (depth > 0);
  }
}
