package io.github.chatexport.core.internal.parallel;

import com.fasterxml.jackson.core.JsonFactory;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Warning;
import io.github.chatexport.core.ChatExportException;
import io.github.chatexport.core.internal.config.ReaderConfig;
import io.github.chatexport.core.internal.parse.ConversationFile;
import io.github.chatexport.core.internal.pass.ConversationCursor;
import io.github.chatexport.core.internal.source.ExportSource;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A pass whose conversations are parsed by {@link ReaderConfig#parallelism()} threads ({@link
 * ParallelPipeline}) and delivered in file order; a file that is not a plain array is read here,
 * serially, as a serial pass reads it.
 */
public final class ParallelPass extends ConversationCursor {
  private final ConversationFile reader;
  private @Nullable ParallelPipeline pipeline;
  private @Nullable Batch batch;
  private int batchIndex;

  /** The export warnings of the batch noted so far. */
  private int batchWarning;

  private @Nullable String serialFile;
  private @Nullable String skipFile;
  private long bytesBefore;
  private long bytesInFile;

  /**
   * A parallel pass over {@code files} of {@code source}; its threads start with the first
   * conversation.
   */
  public ParallelPass(
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
  protected @Nullable Conversation advance() {
    if (pipeline == null) {
      pipeline = new ParallelPipeline(source, files, filter, config, factory, config.parallelism());
    }
    ParallelPipeline pipe = pipeline;
    while (true) {
      if (serialFile != null) {
        try {
          Conversation c = reader.next();
          if (c != null) {
            return checkDuplicate(c);
          }
        } catch (ChatExportException e) {
          reader.close();
          noteDamage(e);
        }
        serialFile = null;
        continue;
      }
      Batch b = batch;
      if (b != null) {
        // The batch's export warnings met before its next conversation (or its end), as a serial
        // pass meets them.
        while (batchWarning < b.exportWarnings.size()
            && b.exportWarningsAfter.get(batchWarning) <= batchIndex) {
          exportWarnings.accept(b.exportWarnings.get(batchWarning++));
        }
      }
      if (b != null && batchIndex < b.conversations.size()) {
        Conversation c = b.conversations.get(batchIndex++);
        if (batchIndex == b.conversations.size()) {
          bytesInFile = Math.max(bytesInFile, b.bytesEnd);
        }
        bytesRead = bytesBefore + bytesInFile;
        return checkDuplicate(c);
      }
      if (b != null && b.error != null) {
        skipFile = b.file;
        batch = null;
        reader.close();
        noteDamage(b.error);
        continue;
      }
      batch = null;
      b = pipe.take();
      if (b == null) {
        bytesRead = bytesBefore + bytesInFile;
        throwDamage();
        return null;
      }
      if (b.file.equals(skipFile)) {
        continue;
      }
      if (!b.file.equals(currentFile())) {
        startFile(b.file);
        bytesBefore += bytesInFile;
        bytesInFile = 0;
      }
      if (b.serial) {
        b.exportWarnings.forEach(exportWarnings);
        try {
          startFile(b.file);
          reader.open(b.file);
          serialFile = b.file;
        } catch (ChatExportException e) {
          reader.close();
          noteDamage(e);
        }
        continue;
      }
      batch = b;
      batchIndex = 0;
      batchWarning = 0;
    }
  }

  @Override
  protected void release() {
    reader.close();
    if (pipeline != null) {
      pipeline.close();
    }
  }
}
