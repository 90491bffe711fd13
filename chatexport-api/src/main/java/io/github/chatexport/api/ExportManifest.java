package io.github.chatexport.api;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code export_manifest.json} (2026): the list of the export's files, with the conversation shards
 * in order.
 *
 * <p>Two shapes are read (FORMAT.md §9). The real one: {@code export_files} (each {@code path} with
 * its {@code size_bytes}) and {@code logical_files} (each logical file, such as {@code
 * conversations.json}, with the {@code files} it is made of, in order); and an earlier, synthetic
 * one: {@code files} (each {@code name}, maybe a {@code size}, and for {@code conversations.json}
 * its {@code shards}). Both give {@link #files()}; the real shape also gives {@link
 * #logicalFiles()}.
 *
 * @param version the manifest's version, as written
 * @param files the files listed ({@code export_files} or {@code files}), in order
 * @param logicalFiles each logical file and the names of the files it is made of, in order (from
 *     {@code logical_files}; empty in the synthetic shape)
 * @param extras fields no component holds
 */
public record ExportManifest(
    @Nullable Integer version,
    List<File> files,
    Map<String, List<String>> logicalFiles,
    Extras extras) {

  /** Copies the components; {@code logicalFiles} keeps its order. */
  public ExportManifest {
    files = List.copyOf(files);
    LinkedHashMap<String, List<String>> copy = new LinkedHashMap<>();
    logicalFiles.forEach((k, v) -> copy.put(requireNonNull(k, "key"), List.copyOf(v)));
    logicalFiles = Collections.unmodifiableMap(copy);
    requireNonNull(extras, "extras");
  }

  /** A manifest of the synthetic shape, without logical files. */
  public ExportManifest(@Nullable Integer version, List<File> files, Extras extras) {
    this(version, files, Map.of(), extras);
  }

  /**
   * The conversation shards, in order: the files of the logical {@code conversations.json} when the
   * manifest has {@code logical_files}, else the {@code shards} of its {@code conversations.json}
   * entry.
   */
  public List<String> shards() {
    List<String> logical = logicalFiles.get("conversations.json");
    if (logical != null) {
      return logical;
    }
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
   * @param name the file name ({@code path} in the real shape), relative to the export's root
   * @param size the size in bytes ({@code size_bytes} or {@code size}), when given
   * @param shards the names of its shards (for {@code conversations.json}), in order
   * @param extras fields no component holds
   */
  public record File(String name, @Nullable Long size, List<String> shards, Extras extras) {
    /** Copies the components. */
    public File {
      requireNonNull(name, "name");
      shards = List.copyOf(shards);
      requireNonNull(extras, "extras");
    }

    /**
     * The size and the number of shards: never the name, which for an upload is the name the user
     * gave it.
     */
    @Override
    public String toString() {
      return "File["
          + (size == null ? "size unknown" : size + " bytes")
          + ", "
          + shards.size()
          + " shards]";
    }
  }
}
