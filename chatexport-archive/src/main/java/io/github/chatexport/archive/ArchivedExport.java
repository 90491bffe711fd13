package io.github.chatexport.archive;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One export added to a {@link ChatArchive}.
 *
 * @param number its number in the archive: 1 for the first added, then 2, …
 * @param fileName the name of the file or folder that was added (without its directory)
 * @param size its size in bytes (for a folder, the sum of its files)
 * @param sha256 the SHA-256 of the file, in hex (for a folder: of the sorted list of its files'
 *     names and SHA-256s); the same export added again is known by it
 * @param accountId the account's id from its {@code user.json}, when it has one
 * @param exportTime the export's own date: the latest {@code update_time} (else {@code
 *     create_time}) of its conversations; null for an export without conversations
 * @param addedAt when it was added
 * @param partial whether it was added as partial (damaged or incomplete, and asked for): it marks
 *     nothing deleted
 * @param conversations how many conversations it held (every copy counted)
 */
public record ArchivedExport(
    int number,
    String fileName,
    long size,
    String sha256,
    @Nullable String accountId,
    @Nullable Instant exportTime,
    Instant addedAt,
    boolean partial,
    int conversations) {

  /** Checks the components. */
  public ArchivedExport {
    requireNonNull(fileName, "fileName");
    requireNonNull(sha256, "sha256");
    requireNonNull(addedAt, "addedAt");
  }
}
