package io.github.chatexport.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
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
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LibraryFile(
    @JsonProperty("file_id") String fileId,
    @JsonProperty("file_name") @Nullable String fileName,
    @JsonProperty("mime_type") @Nullable String mimeType,
    @JsonProperty("origination_message_id") @Nullable String originationMessageId,
    @JsonProperty("origination_thread_id") @Nullable String originationThreadId,
    @JsonUnwrapped Extras extras) {

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
