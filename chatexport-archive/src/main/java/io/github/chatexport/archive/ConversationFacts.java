package io.github.chatexport.archive;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * What the archive knows of one conversation beyond its merged content.
 *
 * @param id the conversation's id
 * @param firstSeen the oldest export (by the exports' own dates) that had it
 * @param lastSeen the newest export that had it
 * @param deletedSince the oldest complete export newer than {@code lastSeen}, which lacked it: the
 *     conversation was deleted from the account before that export; null while no such export was
 *     added
 */
public record ConversationFacts(
    String id,
    ArchivedExport firstSeen,
    ArchivedExport lastSeen,
    @Nullable ArchivedExport deletedSince) {

  /** Checks the components. */
  public ConversationFacts {
    requireNonNull(id, "id");
    requireNonNull(firstSeen, "firstSeen");
    requireNonNull(lastSeen, "lastSeen");
  }

  /** Whether the conversation is marked deleted from the account. */
  public boolean deleted() {
    return deletedSince != null;
  }
}
