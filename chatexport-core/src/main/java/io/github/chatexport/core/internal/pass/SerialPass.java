package io.github.chatexport.core.internal.pass;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Warning;
import io.github.chatexport.core.ChatExportException;
import io.github.chatexport.core.SourceListener;
import io.github.chatexport.core.internal.config.ReaderConfig;
import io.github.chatexport.core.internal.parse.ConversationFile;
import io.github.chatexport.core.internal.source.ExportSource;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** A pass that reads the conversation files one after the other, on the caller's thread. */
final class SerialPass extends ConversationCursor {
  private final ConversationFile reader;
  private int nextFile;

  SerialPass(
      ExportSource source,
      List<String> files,
      ConversationFile.@Nullable Filter filter,
      ReaderConfig config,
      JsonFactory factory,
      Consumer<Warning> exportWarnings) {
    super(source, files, filter, config, factory, exportWarnings);
    this.reader =
        new ConversationFile(source, filter, config, factory, exportWarnings, n -> bytesRead += n);
  }

  @Override
  // identity on purpose: a conversation that the duplicate check replaced is not the one read
  @SuppressWarnings("ReferenceEquality")
  protected @Nullable Conversation advance() {
    while (true) {
      if (!reader.isOpen()) {
        if (nextFile >= files.size()) {
          throwDamage();
          return null;
        }
        try {
          String file = files.get(nextFile++);
          startFile(file);
          reader.record(sources != null);
          reader.open(file);
        } catch (ChatExportException e) {
          reader.close();
          noteDamage(e);
          continue;
        }
      }
      try {
        Conversation c = reader.next();
        if (c != null) {
          Conversation delivered = checkDuplicate(c);
          byte[] sha256 = reader.takeSha256();
          SourceListener s = sources;
          // only a conversation delivered as read from those bytes
          if (s != null && sha256 != null && delivered == c) {
            s.read(c, requireNonNull(currentFile(), "set by startFile"), sha256);
          }
          return delivered;
        }
      } catch (ChatExportException e) {
        reader.close();
        noteDamage(e);
      }
    }
  }

  @Override
  protected void release() {
    reader.close();
  }
}
