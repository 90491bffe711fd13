package io.github.chatexport.core.internal.parallel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Warning;
import io.github.chatexport.api.internal.Graph;
import io.github.chatexport.core.ChatExportException;
import io.github.chatexport.core.internal.config.ReaderConfig;
import io.github.chatexport.core.internal.html.HtmlExportScanner;
import io.github.chatexport.core.internal.json.Json;
import io.github.chatexport.core.internal.json.Problems;
import io.github.chatexport.core.internal.parse.ConversationFile;
import io.github.chatexport.core.internal.source.ExportSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The parsing side of a parallel pass, run by the pool's threads (and by the consumer for a joined
 * piece): a piece parsed as one array, each conversation's tree analyzed while its nodes are in
 * that core's cache, locations shifted from the piece to the file.
 */
final class PieceParser {
  private final ExportSource source;
  private final ConversationFile.@Nullable Filter filter;
  private final ReaderConfig config;
  private final JsonFactory factory;

  PieceParser(
      ExportSource source,
      ConversationFile.@Nullable Filter filter,
      ReaderConfig config,
      JsonFactory factory) {
    this.source = source;
    this.filter = filter;
    this.config = config;
    this.factory = factory;
  }

  /**
   * Parses a piece as one array: the bracket before it and the one that replaces its separator (the
   * last piece keeps the file's own). Elements are read as a serial read reads them; paths say
   * {@code $[i]} for the i-th element of the piece, until {@link Renumbering} gives them their
   * index in the file.
   */
  Batch parse(Piece piece) {
    Batch batch = new Batch(piece.file());
    batch.piece = piece;
    batch.bytesEnd = piece.bytesEnd();
    byte[] data = piece.data();
    data[0] = '[';
    int to;
    if (piece.last()) {
      to = piece.length() + 1;
    } else {
      data[piece.separator()] = ']';
      to = piece.separator() + 1;
    }
    // Parser offset 1 (line 1, column 2) is the piece's first byte.
    Problems problems =
        new Problems(
            source.file(),
            source.locationEntry(piece.file()),
            config.strict(),
            new Problems.Shift(piece.line(), piece.column(), piece.offset(), 1, 2, 1));
    IOException damage = piece.damage();
    JsonParser p = null;
    try {
      // A last piece that ends with damage is read as a stream that throws the damage when the
      // parser asks for more than its bytes: the parser meets it exactly where a serial read does
      // (say, while looking for a digit after a number's point), which its location cannot tell.
      p =
          damage == null
              ? factory.createParser(data, 0, to)
              : Json.utf8Parser(factory, new DamagedBytes(data, to, damage));
      if (filter != null) {
        p = HtmlExportScanner.unescaping(p);
      }
      p.nextToken(); // the bracket before the piece
      Consumer<Warning> exportWarning =
          w -> {
            batch.exportWarnings.add(w);
            batch.exportWarningsAfter.add(batch.conversations.size());
          };
      for (JsonToken t = ConversationFile.nextElement(p, problems, exportWarning);
          t != JsonToken.END_ARRAY;
          t = ConversationFile.nextElement(p, problems, exportWarning)) {
        if (t == JsonToken.START_OBJECT) {
          Conversation c = ConversationFile.conversation(p, problems, config);
          // The tree is analyzed here, while its nodes are in this core's cache, rather than by the
          // consumer.
          Graph.of(c.nodes());
          batch.conversations.add(c);
        }
        batch.elements++; // a conversation, or a value skipped with a warning
      }
      // A piece's array ends at its separator, or at the file's own bracket in the last piece
      // (after which only a filtered source, chat.html, may go on). A serial read looks past the
      // array for more, and so meets the damage, if any.
      if (p.nextToken() != null && (filter == null || !piece.last())) {
        throw ConversationFile.contentAfterArray(p, problems);
      }
    } catch (IOException x) {
      // Jackson's errors, and the damage at the end of the bytes, placed where those end.
      batch.error = Json.translate(x, p, problems, null, to);
    } catch (ChatExportException x) {
      batch.error = x;
    } finally {
      if (p != null) {
        try {
          p.close();
        } catch (IOException ignored) {
          // a byte array
        }
      }
    }
    ChatExportException error = batch.error;
    if (error != null && !piece.last()) {
      // The separator's file offset: an error there or after it is the cut's, not the file's.
      batch.cutInside = error.location().byteOffset() >= piece.offset() + piece.separator() - 1;
    }
    return batch;
  }

  /** Bytes in memory, then damage: {@code data[0..length)}, after which reading throws. */
  private static final class DamagedBytes extends InputStream {
    private final byte[] data;
    private final int length;
    private final IOException damage;
    private int at;

    DamagedBytes(byte[] data, int length, IOException damage) {
      this.data = data;
      this.length = length;
      this.damage = damage;
    }

    @Override
    public int read() throws IOException {
      if (at == length) {
        throw damage;
      }
      return data[at++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      if (at == length) {
        throw damage;
      }
      int n = Math.min(len, length - at);
      System.arraycopy(data, at, b, off, n);
      at += n;
      return n;
    }
  }
}
