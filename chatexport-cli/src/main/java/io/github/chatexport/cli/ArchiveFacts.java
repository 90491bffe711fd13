package io.github.chatexport.cli;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What an archive knows of a conversation beyond the export: when it was first and last seen in an
 * export, and whether a later export no longer had it (deleted on chatgpt.com). A plain export
 * gives {@link #NONE}.
 *
 * @param firstSeen when an export first had the conversation; null when unknown
 * @param lastSeen when an export last had it; null when unknown
 * @param deleted whether the newest export no longer has it
 */
record ArchiveFacts(@Nullable Instant firstSeen, @Nullable Instant lastSeen, boolean deleted) {
  /** A conversation read from a plain export: nothing known beyond it, not deleted. */
  static final ArchiveFacts NONE = new ArchiveFacts(null, null, false);
}
