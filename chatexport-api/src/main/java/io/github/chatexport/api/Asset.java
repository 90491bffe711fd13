package io.github.chatexport.api;

import static java.util.Objects.requireNonNull;

import io.github.chatexport.api.internal.SafeNames;
import org.jspecify.annotations.Nullable;

/**
 * A file of the export that messages point to: an uploaded file, a generated image, a voice
 * recording.
 *
 * @param id the asset id that pointers name ({@code file-…} or {@code file_…}, or another id)
 * @param entry the file's name in the export, relative to its root ({@code file_abc.dat}, {@code
 *     dalle-generations/file-….webp}, …)
 * @param displayName the name the user knew, from the export (untrusted: it may hold {@code ../} or
 *     {@code C:\}); null when the export gives none
 * @param mimeType the MIME type, from {@code library_files.json}, else sniffed from the first
 *     bytes, else guessed from the name; null when unknown
 * @param size the size in bytes, or -1 when unknown
 */
public record Asset(
    String id, String entry, @Nullable String displayName, @Nullable String mimeType, long size) {

  /** Checks the components. */
  public Asset {
    requireNonNull(id, "id");
    requireNonNull(entry, "entry");
  }

  /**
   * A file name for this asset that is safe to create on Windows, macOS and Linux: the display name
   * (or the entry's name) with separators, {@code ..}, reserved names and control characters
   * replaced, cut to 255 UTF-8 bytes. Never empty; deterministic.
   */
  public String fileName() {
    String name = displayName;
    if (name == null || name.isBlank()) {
      name = entry.substring(entry.lastIndexOf('/') + 1);
    }
    return SafeNames.fileName(name, 255);
  }

  /**
   * The id, MIME type and size: never the entry or the display name, which carry the name the user
   * gave the upload (exports are private data and {@code toString()} ends up in logs).
   */
  @Override
  public String toString() {
    return "Asset[" + id + ", " + mimeType + ", " + size + " bytes]";
  }
}
