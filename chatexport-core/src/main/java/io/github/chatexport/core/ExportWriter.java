package io.github.chatexport.core;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.core.internal.RecordWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes conversations back as the export's own JSON: a conversations file that {@link ExportReader} reads back.
 *
 * <pre>{@code
 * try (ExportReader in = ExportReader.open(source);
 *      ExportWriter out = ExportWriter.open(target);
 *      Stream<Conversation> all = in.conversations()) {
 *   for (Conversation c : (Iterable<Conversation>) all::iterator) {
 *     if (!c.id().equals(secret)) {
 *       out.write(c.withTitle(null));
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>Records are written value for value: the export's field names and shapes, the fields the model keeps raw,
 * numbers with their exact decimal value, null as null and absent as absent, and the order of the nodes in
 * {@code mapping}. A typed field changed through the API ({@code with…}) wins over what the record remembered
 * of the input. Conversations are streamed: memory stays bounded by one conversation.
 *
 * <p>A writer is not thread-safe.
 */
public final class ExportWriter implements AutoCloseable {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private final JsonGenerator generator;
  private final RecordWriter records;
  private final OutputStream out;
  private final boolean ownsStream;
  private boolean closed;

  private ExportWriter(OutputStream out, boolean ownsStream) throws IOException {
    this.out = out;
    this.ownsStream = ownsStream;
    this.generator = FACTORY.createGenerator(out, JsonEncoding.UTF8);
    generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    this.records = new RecordWriter(generator);
    generator.writeStartArray();
  }

  /**
   * Creates (or replaces) a conversations JSON file at {@code path} and writes into it.
   *
   * @throws IOException if the file cannot be created
   */
  public static ExportWriter open(Path path) throws IOException {
    requireNonNull(path, "path");
    return new ExportWriter(Files.newOutputStream(path), true);
  }

  /**
   * Writes a conversations JSON document onto {@code out}, which stays the caller's: {@link #close()} finishes
   * the document and flushes, but does not close {@code out}.
   */
  public static ExportWriter open(OutputStream out) throws IOException {
    requireNonNull(out, "out");
    return new ExportWriter(out, false);
  }

  /**
   * Appends one conversation.
   *
   * @throws IOException if it cannot be written
   */
  public void write(Conversation conversation) throws IOException {
    requireNonNull(conversation, "conversation");
    if (closed) {
      throw new IllegalStateException("the writer is closed");
    }
    records.write(conversation);
  }

  /**
   * Finishes the JSON document and releases the file. Throws no checked exception; a failure to finish the file
   * is not silent: it is thrown as an {@link UncheckedIOException}. Calling it again does nothing.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      try {
        generator.writeEndArray();
        generator.close();
      } finally {
        if (ownsStream) {
          out.close();
        } else {
          out.flush();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the conversations file could not be finished", e);
    }
  }
}
