package io.github.chatexport.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Warning;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One pass over the conversations of an export: the conversation files in order, each a JSON array read one
 * conversation at a time. Not thread-safe.
 */
public final class ConversationCursor implements Iterator<Conversation>, AutoCloseable {
  private final ExportSource source;
  private final List<String> files;
  private final ReaderConfig config;
  private final JsonFactory factory;
  private final Consumer<Warning> exportWarnings;
  private int nextFile;
  private @Nullable InputStream in;
  private @Nullable JsonParser parser;
  private @Nullable ConversationParser conversations;
  private @Nullable Problems problems;
  private @Nullable Conversation next;
  private boolean closed;
  private boolean wrapped;

  /** A pass over {@code files} of {@code source}. */
  public ConversationCursor(ExportSource source, List<String> files, ReaderConfig config, JsonFactory factory,
      Consumer<Warning> exportWarnings) {
    this.source = source;
    this.files = files;
    this.config = config;
    this.factory = factory;
    this.exportWarnings = exportWarnings;
  }

  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    if (closed) {
      return false;
    }
    try {
      next = advance();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    if (next == null) {
      close();
      return false;
    }
    return true;
  }

  @Override
  public Conversation next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Conversation c = next;
    next = null;
    return c;
  }

  private @Nullable Conversation advance() {
    while (true) {
      if (parser == null) {
        if (nextFile >= files.size()) {
          return null;
        }
        openFile(files.get(nextFile++));
      }
      JsonParser p = parser;
      Problems pr = problems;
      try {
        JsonToken t = p.nextToken();
        if (t == JsonToken.START_OBJECT) {
          return conversations.read();
        }
        if (t == JsonToken.END_ARRAY) {
          JsonToken after = p.nextToken();
          if (wrapped) {
            // The rest of {"conversations": [...], ...}: other members are skipped.
            while (after == JsonToken.FIELD_NAME) {
              p.nextToken();
              p.skipChildren();
              after = p.nextToken();
            }
            after = after == JsonToken.END_OBJECT ? p.nextToken() : after;
          }
          if (after != null) {
            throw pr.error("unexpected content after the array of conversations", p.currentTokenLocation(),
                "$", null, null);
          }
          closeFile();
          continue;
        }
        if (t == null) {
          throw pr.error("the JSON ends too early (a truncated file?)", p.currentLocation(),
              JsonPaths.of(p.getParsingContext()), null, null);
        }
        pr.warn(Warning.Kind.TYPE_MISMATCH,
            "an element of the conversations array is " + ConversationParser.kind(t) + ", not an object; skipped",
            p.currentTokenLocation(), JsonPaths.of(p.getParsingContext()));
        p.skipChildren();
        pr.drain(null).forEach(exportWarnings);
      } catch (IOException e) {
        throw Json.translate(e, p, pr, null);
      }
    }
  }

  private void openFile(String file) {
    Problems pr = new Problems(source.file(), source.locationEntry(file), config.strict());
    problems = pr;
    JsonParser p = null;
    try {
      in = source.open(file);
      p = factory.createParser(in);
      parser = p;
      JsonToken t = p.nextToken();
      if (t == null) {
        throw pr.error("the file is empty; expected an array of conversations", p.currentLocation(), "$", null,
            null);
      }
      if (t == JsonToken.START_OBJECT) {
        // Tolerated: {"conversations": [...]}, as a few tools write.
        String name = p.nextFieldName();
        if ("conversations".equals(name) && p.nextToken() == JsonToken.START_ARRAY) {
          wrapped = true;
          conversations = new ConversationParser(p, pr, config);
          return;
        }
        throw pr.error("expected an array of conversations, found an object", p.currentTokenLocation(), "$",
            null, null);
      }
      if (t != JsonToken.START_ARRAY) {
        throw pr.error("expected an array of conversations, found " + ConversationParser.kind(t),
            p.currentTokenLocation(), "$", null, null);
      }
      wrapped = false;
      conversations = new ConversationParser(p, pr, config);
    } catch (IOException e) {
      throw Json.translate(e, p, pr, null);
    }
  }

  private void closeFile() {
    JsonParser p = parser;
    InputStream i = in;
    parser = null;
    in = null;
    conversations = null;
    try {
      if (p != null) {
        p.close();
      }
      if (i != null) {
        i.close();
      }
    } catch (IOException e) {
      // Read-only input: a failure to close loses nothing.
    }
  }

  @Override
  public void close() {
    closed = true;
    closeFile();
  }

  /** Whether this pass is over. */
  public boolean isClosed() {
    return closed;
  }
}
