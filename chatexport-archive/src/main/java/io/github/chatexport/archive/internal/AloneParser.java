package io.github.chatexport.archive.internal;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.core.ChatExportException;
import io.github.chatexport.core.ExportReader;
import io.github.chatexport.core.ExportWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Parses the bytes of single JSON objects of a conversations file, each on its own as a file of one
 * conversation, on threads of their own, so that the thread that writes to SQLite does not wait for
 * it: for the conversations that an add does not recognise by their bytes. {@link #close()} stops
 * the threads.
 */
public final class AloneParser implements AutoCloseable {
  /** Threads that parse, write back and hash. */
  static final int THREADS = 2;

  /** What parsing one object gave. */
  public record Parsed(String conversationId, HashedConversations.@Nullable Hashed hashed) {}

  private final String file;
  private final ExecutorService threads =
      Executors.newFixedThreadPool(
          THREADS,
          r -> {
            Thread t = new Thread(r, "chatexport-archive-parse");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param file the conversations file the objects are from, named in what the reader reports
   */
  public AloneParser(String file) {
    this.file = file;
  }

  /**
   * Starts parsing one object's bytes. The result is null when they are not one conversation read
   * alone; else the conversation's id and, when {@code keep}, the conversation with its JSON as
   * {@link ExportWriter#toJson} writes it and that JSON's hash (as the reader's path hands them to
   * the store).
   *
   * @param source the hex SHA-256 of the bytes
   * @param bytesRead the offset in the file just after the object
   */
  public Future<@Nullable Parsed> submit(
      byte[] object, String source, long bytesRead, boolean keep) {
    return threads.submit(
        () -> {
          Conversation c = parse(object, file);
          if (c == null) {
            return null;
          }
          if (!keep) {
            return new Parsed(c.id(), null);
          }
          String json = ExportWriter.toJson(c);
          return new Parsed(
              c.id(),
              new HashedConversations.Hashed(
                  c, source, json, Sha.of(json), JsonParts.cut(json), object.length, bytesRead));
        });
  }

  /** The result of {@link #submit}; what the parse threw is thrown as it was. */
  public static @Nullable Parsed await(Future<@Nullable Parsed> parsing) throws IOException {
    return Futures.await(parsing, "a conversation was parsed");
  }

  /**
   * The one conversation that the bytes of a JSON object give when read alone, or null when they
   * give anything else (damage, no conversation).
   */
  public static @Nullable Conversation parse(byte[] object, String file) throws IOException {
    InputStream in =
        new SequenceInputStream(
            Collections.enumeration(
                List.of(
                    new ByteArrayInputStream(new byte[] {'['}),
                    new ByteArrayInputStream(object),
                    new ByteArrayInputStream(new byte[] {']'}))));
    try (ExportReader one = ExportReader.open(in, file);
        Stream<Conversation> all = one.conversations()) {
      List<Conversation> list = all.limit(2).toList();
      return list.size() == 1 ? list.get(0) : null;
    } catch (ChatExportException e) {
      return null;
    }
  }

  /** Stops the threads; what they were parsing is dropped. */
  @Override
  public void close() {
    threads.shutdownNow();
  }
}
