package io.github.chatexport.api;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A file of the user's file library: one row of {@code library_files.json} (2026).
 *
 * @param fileId the asset id ({@code file_…}), as pointers and {@code .dat} names use it
 * @param fileName the display name, as given (untrusted)
 * @param mimeType the MIME type
 * @param originationMessageId the message the file came with
 * @param originationThreadId the conversation the file came with
 * @param extras fields no component holds ({@code id} with its partition key, …)
 */
public record LibraryFile(
    String fileId,
    @Nullable String fileName,
    @Nullable String mimeType,
    @Nullable String originationMessageId,
    @Nullable String originationThreadId,
    Extras extras) {

  /** Checks the components. */
  public LibraryFile {
    requireNonNull(fileId, "fileId");
    requireNonNull(extras, "extras");
  }

  @Override
  public String toString() {
    return "LibraryFile[" + fileId + ", " + mimeType + "]";
  }
}
