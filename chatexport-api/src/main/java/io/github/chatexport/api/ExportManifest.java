package io.github.chatexport.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code export_manifest.json} (2026): the list of the export's files, with the conversation shards in order.
 *
 * @param version the manifest's version, as written
 * @param files the files listed
 * @param extras fields no component holds
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportManifest(@Nullable Integer version, List<File> files, @JsonUnwrapped Extras extras) {

  /** Copies the components. */
  public ExportManifest {
    files = List.copyOf(files);
    requireNonNull(extras, "extras");
  }

  /** The conversation shards, in the order listed under {@code conversations.json}. */
  public List<String> shards() {
    return file("conversations.json").map(File::shards).orElse(List.of());
  }

  /** The entry for the file named {@code name}. */
  public Optional<File> file(String name) {
    return files.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return "ExportManifest[" + files.size() + " files, " + shards().size() + " shards]";
  }

  /**
   * One file of the manifest.
   *
   * @param name the file name
   * @param size the size in bytes, when given
   * @param shards the names of its shards (for {@code conversations.json}), in order
   * @param extras fields no component holds
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record File(String name, @Nullable Long size, List<String> shards, @JsonUnwrapped Extras extras) {
    /** Copies the components. */
    public File {
      requireNonNull(name, "name");
      shards = List.copyOf(shards);
      requireNonNull(extras, "extras");
    }
  }
}
