package io.github.chatexport.core.internal.pass;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Warning;
import io.github.chatexport.core.ChatExportException;
import io.github.chatexport.core.internal.json.Problems;
import io.github.chatexport.core.internal.source.ExportSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The duplicate check of a pass: where each conversation id was first met, and a warning on a
 * conversation met again (an error in strict mode). Also counts the conversations of the pass and
 * of the current file, which place the warning.
 */
final class Duplicates {
  private final ExportSource source;
  private final boolean strict;
  private final Map<String, Seen> seen = new HashMap<>();
  private @Nullable String currentFile;
  private int index;
  private int firstIndexOfFile;

  /** Where a conversation id was first met. */
  private record Seen(String file, int index, @Nullable Instant updateTime) {}

  Duplicates(ExportSource source, boolean strict) {
    this.source = source;
    this.strict = strict;
  }

  /** The conversations checked so far. */
  int count() {
    return index;
  }

  /** The file whose conversations come now, or null. */
  @Nullable String currentFile() {
    return currentFile;
  }

  /** The conversations of {@code file} come next. */
  void startFile(String file) {
    currentFile = file;
    firstIndexOfFile = index;
  }

  Conversation check(Conversation c) {
    String file = currentFile == null ? source.file() : currentFile;
    int at = index++;
    Seen first = seen.putIfAbsent(c.id(), new Seen(file, at, c.updateTime()));
    if (first == null || c.id().isEmpty()) {
      return c;
    }
    String newer;
    Instant mine = c.updateTime();
    Instant theirs = first.updateTime();
    if (mine == null || theirs == null) {
      newer = "which is newer is unknown (no update_time)";
    } else if (mine.isAfter(theirs)) {
      newer = "this copy is newer by update_time";
    } else if (mine.isBefore(theirs)) {
      newer = "the earlier copy is newer by update_time";
    } else {
      newer = "both have the same update_time";
    }
    Problems pr = new Problems(source.file(), source.locationEntry(file), false);
    List<Warning> warnings = new ArrayList<>(c.warnings());
    Warning duplicate =
        new Warning(
            Warning.Kind.DUPLICATE_CONVERSATION,
            "the conversation was met before, at "
                + first.file()
                + " $["
                + first.index()
                + "]; "
                + newer,
            pr.location(null, "$[" + (at - firstIndexOfFile) + "]", c.id()));
    if (strict) {
      throw new ChatExportException(
          "strict mode: " + duplicate.kind() + ": " + duplicate.message(),
          duplicate.location(),
          null);
    }
    warnings.add(duplicate);
    return c.withWarnings(warnings);
  }
}
