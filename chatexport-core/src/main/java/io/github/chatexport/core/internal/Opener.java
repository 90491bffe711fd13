package io.github.chatexport.core.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import io.github.chatexport.api.Location;
import io.github.chatexport.api.Warning;
import io.github.chatexport.core.ChatExportException;
import io.github.chatexport.core.internal.config.ReaderConfig;
import io.github.chatexport.core.internal.json.Json;
import io.github.chatexport.core.internal.parse.AuxiliaryFiles;
import io.github.chatexport.core.internal.source.ExportSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * Opens an export: sniffs what the input is (a folder, a ZIP, JSON, a chat.html), chooses the
 * source for it, falls back to salvaging a damaged ZIP and to the ZIP nested inside a ZIP, and
 * finds the layout.
 */
public final class Opener {
  private static final int SNIFF = 64;

  private final ReaderConfig config;

  /** An opener with these settings. */
  public Opener(ReaderConfig config) {
    this.config = requireNonNull(config, "config");
  }

  /**
   * Opens a ZIP file, an extracted folder, or one conversations JSON file (or a lone chat.html).
   *
   * @throws IOException if the file cannot be read
   * @throws ChatExportException if it is not an export at all
   */
  public OpenExport open(Path path) throws IOException {
    requireNonNull(path, "path");
    String file = path.toString();
    if (Files.isDirectory(path)) {
      return create(ExportSource.directory(path, file), false);
    }
    byte[] head = new byte[SNIFF];
    int n;
    try (InputStream in = Files.newInputStream(path)) {
      n = in.readNBytes(head, 0, SNIFF);
    }
    Kind kind = sniff(head, n);
    switch (kind) {
      case ZIP:
        {
          List<Warning> found = new ArrayList<>();
          return create(zip(path, file, null, found), false, found);
        }
      case JSON:
        return create(ExportSource.singleFile(path, file, null), true);
      case HTML:
        // A lone chat.html reads like a folder that holds only it.
        return create(ExportSource.singleFile(path, file, "chat.html"), false);
      default:
        throw notAnExport(file, kind, n);
    }
  }

  /**
   * Opens a stream: a conversations JSON file, read once, or a ZIP, copied to a private temporary
   * file. The stream stays the caller's.
   *
   * @throws IOException if the stream cannot be read
   * @throws ChatExportException if it is not an export at all
   */
  public OpenExport open(InputStream in, String name) throws IOException {
    requireNonNull(in, "in");
    requireNonNull(name, "name");
    BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
    buffered.mark(SNIFF);
    byte[] head = buffered.readNBytes(SNIFF);
    buffered.reset();
    Kind kind = sniff(head, head.length);
    switch (kind) {
      case ZIP:
        {
          Path copy = ExportSource.privateTempFile();
          try {
            Files.copy(buffered, copy, StandardCopyOption.REPLACE_EXISTING);
            List<Warning> found = new ArrayList<>();
            return create(zip(copy, name, copy, found), false, found);
          } catch (IOException | RuntimeException e) {
            ExportSource.deleteTempFile(copy); // logged if it fails: the failure to report is e
            throw e;
          }
        }
      case JSON:
        return create(ExportSource.stream(buffered, name), true);
      default:
        throw notAnExport(name, kind, head.length);
    }
  }

  /**
   * A ZIP read in place through its central directory; or, when that is missing or damaged (an
   * interrupted download), salvaged from its local headers, with warnings that say so.
   */
  private ExportSource zip(
      Path path, String file, @Nullable Path deleteOnClose, List<Warning> warnings)
      throws IOException {
    try {
      return ExportSource.zip(path, file, deleteOnClose, config.archive());
    } catch (ZipException e) {
      return ExportSource.salvagedZip(path, file, config.archive(), warnings::add, deleteOnClose);
    }
  }

  private OpenExport create(ExportSource source, boolean singleFile) throws IOException {
    return create(source, singleFile, List.of());
  }

  private OpenExport create(ExportSource source, boolean singleFile, List<Warning> sourceWarnings)
      throws IOException {
    try {
      JsonFactory factory = Json.factory(config);
      List<Warning> layoutWarnings = new ArrayList<>(sourceWarnings);
      Layout layout = layout(source, singleFile, factory, layoutWarnings);
      if (layout.conversations().isEmpty() && !singleFile) {
        List<String> inner = ExportSource.innerArchives(source);
        if (!inner.isEmpty()) {
          ExportSource nested = ExportSource.nested(source, inner, config.archive());
          source = nested;
          layoutWarnings.clear();
          layoutWarnings.addAll(sourceWarnings);
          layout = layout(nested, false, factory, layoutWarnings);
        }
      }
      if (layout.conversations().isEmpty()) {
        List<String> entries = source.entries();
        throw new ChatExportException(
            "not a ChatGPT export: no conversations.json, conversations-NNN.json or"
                + " chat.html among "
                + entries.size()
                + " files"
                + (entries.isEmpty()
                    ? ""
                    : " (for example "
                        + String.join(", ", entries.subList(0, Math.min(5, entries.size())))
                        + ")"),
            new Location(source.file(), null, -1, -1, -1, "$", null),
            null);
      }
      return new OpenExport(source, layout, config, factory, layoutWarnings);
    } catch (IOException | RuntimeException e) {
      source.close();
      throw e;
    }
  }

  private Layout layout(
      ExportSource source, boolean singleFile, JsonFactory factory, List<Warning> warnings) {
    AuxiliaryFiles files = new AuxiliaryFiles(source, config, factory, warnings::add);
    return Layout.of(
        source.entries(), singleFile, source.file(), files::manifest, source::size, warnings::add);
  }

  private enum Kind {
    ZIP,
    JSON,
    HTML,
    EMPTY,
    OTHER
  }

  private static Kind sniff(byte[] head, int n) {
    if (n >= 4
        && head[0] == 'P'
        && head[1] == 'K'
        && (head[2] == 3 || head[2] == 5 || head[2] == 7)) {
      return Kind.ZIP;
    }
    int i = 0;
    if (n >= 3
        && (head[0] & 0xFF) == 0xEF
        && (head[1] & 0xFF) == 0xBB
        && (head[2] & 0xFF) == 0xBF) {
      i = 3;
    }
    while (i < n && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) {
      i++;
    }
    if (i >= n) {
      return n == 0 ? Kind.EMPTY : Kind.JSON;
    }
    if (head[i] == '[' || head[i] == '{' || head[i] == '"') {
      return Kind.JSON;
    }
    if (head[i] == '<') {
      return Kind.HTML;
    }
    return Kind.OTHER;
  }

  private static ChatExportException notAnExport(String file, Kind kind, int n) {
    String found =
        switch (kind) {
          case HTML ->
              "an HTML page (a chat.html is read from a file, a folder or a ZIP, not from a stream)";
          case EMPTY -> "an empty file";
          default -> "a file that is neither a ZIP archive nor JSON (" + n + " bytes inspected)";
        };
    return new ChatExportException(
        "not a ChatGPT export: found " + found,
        kind == Kind.EMPTY
            ? new Location(file, null, 1, 1, 0, "$", null)
            : new Location(file, null, -1, -1, 0, "$", null),
        null);
  }
}
