package io.github.chatexport.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What {@code markdown} wrote last time into an OUT-DIR ({@value #FILE}): for each conversation id,
 * its note's file name and the SHA-256 of the text written. A second run compares against it to
 * rewrite only the notes whose conversation changed, to move a note whose title changed, and to
 * keep notes edited by hand.
 */
final class NoteState {
  static final String FILE = ".chatexport-markdown.json";
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  /** One note: its file name in OUT-DIR and the hash of what was written. */
  record Entry(String file, String sha256) {}

  private final Map<String, Entry> notes = new TreeMap<>();

  /**
   * The state of {@code dir}; empty when there is none or it cannot be read (then every note is
   * compared).
   */
  static NoteState load(Path dir) {
    NoteState state = new NoteState();
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return state;
    }
    try (InputStream in = Files.newInputStream(file);
        JsonParser p = FACTORY.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return state;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("notes".equals(field) && value == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String id = p.currentName();
            String name = null;
            String hash = null;
            if (p.nextToken() != JsonToken.START_OBJECT) {
              p.skipChildren();
              continue;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String key = p.currentName();
              p.nextToken();
              if ("file".equals(key)) {
                name = p.getValueAsString();
              } else if ("sha256".equals(key)) {
                hash = p.getValueAsString();
              } else {
                p.skipChildren();
              }
            }
            if (name != null && hash != null) {
              state.notes.put(id, new Entry(name, hash));
            }
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException | RuntimeException e) {
      state.notes.clear(); // a damaged state file only costs comparing every note
    }
    return state;
  }

  @Nullable Entry get(String id) {
    return notes.get(id);
  }

  void put(String id, Entry entry) {
    notes.put(id, entry);
  }

  /** Writes the state into {@code dir}, replacing the old one in one move. */
  void save(Path dir) throws IOException {
    Path tmp = Files.createTempFile(dir, ".chatexport-", ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp);
          JsonGenerator g = FACTORY.createGenerator(out)) {
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeNumberField("format", 1);
        g.writeObjectFieldStart("notes");
        for (Map.Entry<String, Entry> e : notes.entrySet()) {
          g.writeObjectFieldStart(e.getKey());
          g.writeStringField("file", e.getValue().file());
          g.writeStringField("sha256", e.getValue().sha256());
          g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      Files.move(tmp, SafeName.inside(dir, FILE), StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The SHA-256 of {@code bytes}, in hex. */
  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
