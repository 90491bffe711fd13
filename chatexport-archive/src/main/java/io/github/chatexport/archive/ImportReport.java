package io.github.chatexport.archive;

import static java.util.Objects.requireNonNull;

/**
 * What one {@link ChatArchive#add} did.
 *
 * @param export the export, as the archive keeps it
 * @param alreadyAdded whether this very export (same SHA-256, or the same file by its path, size
 *     and modification time) was already in the archive, so that nothing changed; the counts are
 *     then zero
 * @param newConversations conversations the archive did not have
 * @param changed conversations it had whose merged view changed (a new message, a new title, an
 *     older branch)
 * @param unchanged conversations it had whose merged view stayed as it was
 * @param deleted conversations marked deleted by this add (missing from this complete export
 *     although an older one had them, or, for an older export added late, missing from a newer
 *     complete one)
 * @param reappeared conversations whose deletion mark this add ended
 * @param assetsAdded asset files the archive did not hold (by content)
 */
public record ImportReport(
    ArchivedExport export,
    boolean alreadyAdded,
    int newConversations,
    int changed,
    int unchanged,
    int deleted,
    int reappeared,
    int assetsAdded) {

  /** Checks the components. */
  public ImportReport {
    requireNonNull(export, "export");
  }
}
