package io.github.chatexport.cli;

import io.github.chatexport.api.Asset;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.core.Assets;
import io.github.chatexport.core.ExportReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chatexport markdown EXPORT OUT-DIR}. */
@Command(
    name = "markdown",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    header = "One Markdown note per conversation, with its images and files.",
    description = {
      "Writes into OUT-DIR (created if needed) one note per conversation: YAML front matter (id, title,"
          + " created, updated, model, url), the visible messages of the active branch, the code"
          + " interpreter's code and output, images and attachments copied to OUT-DIR/assets/ and linked,"
          + " citations as footnotes, reasoning as collapsible blocks.",
      "",
      "Note names are '<created day> <title> <hash of the id>.md': safe on Windows, macOS and Linux, and"
          + " the same on every run. Nothing is written outside OUT-DIR. A second run (say, over a newer"
          + " export) rewrites only the notes whose conversation changed, renames a note whose title"
          + " changed, and keeps notes you edited (see --force); OUT-DIR/"
          + NoteState.FILE
          + " remembers what was written.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  chatexport markdown chatgpt-export.zip ~/notes/chatgpt",
      "  chatexport markdown --branches --no-reasoning chatgpt-export.zip notes/"
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      ExitCodes.LIST_OK,
      ExitCodes.LIST_DAMAGED,
      ExitCodes.LIST_IO,
      ExitCodes.LIST_USAGE,
      ExitCodes.LIST_INTERNAL
    })
final class MarkdownCommand extends ExportCommand {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
  private static final int TITLE_BYTES = 100;

  @Parameters(index = "1", paramLabel = "OUT-DIR", description = "The folder for the notes.")
  Path outDir = Path.of("");

  @Option(
      names = "--no-reasoning",
      description = "Leave out the reasoning blocks (thinking models' thoughts).")
  boolean noReasoning;

  @Option(
      names = "--branches",
      description = "Add the other branches (edits, regenerations) as an appendix.")
  boolean branches;

  @Option(
      names = "--force",
      description = "Rewrite every note, also unchanged ones and ones edited by hand.")
  boolean force;

  private int written;
  private int unchanged;
  private int kept;
  private int copied;

  @Override
  public Integer call() throws Exception {
    if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
      throw usage("OUT-DIR is not a folder: " + outDir);
    }
    try (Input input = input(true);
        ExportReader reader = input.reader()) {
      Files.createDirectories(outDir);
      Path dir = outDir.toRealPath();
      Path assetDir = dir.resolve(AssetLinks.FOLDER);
      if (Files.isSymbolicLink(assetDir)
          || (Files.exists(assetDir) && !Files.isDirectory(assetDir))) {
        throw new CliException(
            "refusing to write assets through " + assetDir + ": it is a link or not a folder",
            ExitCodes.IO);
      }
      NoteState state = NoteState.load(dir);
      AssetLinks links = new AssetLinks();
      Assets assets = reader.assets();
      Set<String> names = new HashSet<>();
      long notes = 0;
      try (Progress progress = progress();
          Stream<Conversation> all = reader.conversations(progress)) {
        for (Iterator<Conversation> it = all.iterator(); it.hasNext(); ) {
          Conversation c = it.next();
          notes++;
          String text =
              new NoteRenderer(c, assets.references(c), links, zone(), !noReasoning, branches)
                  .render();
          String key = noteKey(c);
          String name = noteName(c, key, names);
          writeNote(dir, key, name, text, state);
          for (Asset asset : links.drain()) {
            if (copy(assets, asset, assetDir, links.name(asset))) {
              copied++;
            }
          }
        }
      } finally {
        state.save(dir);
      }
      out()
          .println(
              Texts.plural(notes, "note", "notes")
                  + " in "
                  + dir
                  + ": "
                  + written
                  + " written, "
                  + unchanged
                  + " unchanged"
                  + (kept == 0 ? "" : ", " + kept + " kept (edited by hand; --force rewrites)")
                  + "; "
                  + Texts.plural(copied, "asset", "assets")
                  + " copied.");
    }
    return ExitCodes.OK;
  }

  /**
   * {@code 2024-05-10 Weekend in Lisbon 3f9a1c2b7e.md}: the creation day (UTC, so that the name
   * does not depend on the machine), the title made safe and cut to 100 bytes, and 10 hex digits of
   * the SHA-256 of the id, which keep names apart when titles repeat. Should two names still meet
   * (ignoring case), the whole hash is used.
   */
  static String noteName(Conversation c, String key, Set<String> taken) {
    String title = c.title() == null ? "" : Texts.oneLine(c.title());
    String safe = SafeName.of(title, TITLE_BYTES, "Untitled");
    var created = Facts.created(c);
    String day = created == null ? "" : DAY.format(created.atOffset(ZoneOffset.UTC)) + " ";
    String hash = NoteState.sha256(key.getBytes(StandardCharsets.UTF_8));
    String name = day + safe + " " + hash.substring(0, 10) + ".md";
    if (!taken.add(name.toLowerCase(Locale.ROOT))) {
      name = day + safe + " " + hash + ".md";
      // The same key twice (a conversation met twice, or id-less twins): a number keeps the notes
      // apart.
      for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
        name = day + safe + " " + hash + " " + n + ".md";
      }
    }
    return name;
  }

  /**
   * What identifies a conversation's note from run to run: its id; for a conversation without one
   * (old and third-party files), the hash of its creation time, title and node ids, so that id-less
   * conversations get notes of their own.
   */
  static String noteKey(Conversation c) {
    if (!c.id().isEmpty()) {
      return c.id();
    }
    StringBuilder what =
        new StringBuilder("no id\n")
            .append(c.createTime())
            .append('\n')
            .append(c.title() == null ? "" : c.title())
            .append('\n');
    for (String node : c.nodes().keySet()) {
      what.append(node).append('\n');
    }
    return "no-id:" + NoteState.sha256(what.toString().getBytes(StandardCharsets.UTF_8));
  }

  private void writeNote(Path dir, String key, String name, String text, NoteState state)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    String hash = NoteState.sha256(bytes);
    Path file = SafeName.inside(dir, name);
    NoteState.Entry before = state.get(key);
    boolean exists = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
    if (!force
        && exists
        && before != null
        && before.file().equals(name)
        && before.sha256().equals(hash)) {
      unchanged++; // as written last time, and the conversation has not changed
      return;
    }
    String current = exists ? NoteState.sha256(Files.readAllBytes(file)) : null;
    if (!force && hash.equals(current)) {
      unchanged++;
    } else if (!force
        && current != null
        && before != null
        && before.file().equals(name)
        && !before.sha256().equals(current)) {
      kept++;
      note("kept " + name + ": edited since it was written (--force rewrites it)");
      return;
    } else {
      write(dir, file, bytes);
      written++;
    }
    if (before != null && !before.file().equals(name)) {
      retire(dir, before);
    }
    state.put(key, new NoteState.Entry(name, hash));
  }

  /** Removes the note a conversation had under its old title, unless it was edited by hand. */
  private void retire(Path dir, NoteState.Entry old) throws IOException {
    Path file;
    try {
      file = SafeName.inside(dir, old.file());
    } catch (IllegalStateException e) {
      return; // not a name this command writes: leave it alone
    }
    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      if (NoteState.sha256(Files.readAllBytes(file)).equals(old.sha256())) {
        Files.delete(file);
      } else {
        note(
            "kept "
                + old.file()
                + ": its conversation is now in another note, but it was edited by hand");
      }
    }
  }

  /**
   * Copies {@code asset} to {@code assetDir/name} unless a copy of its size is there already;
   * whether it copied. Also used by {@code html}.
   */
  static boolean copy(Assets assets, Asset asset, Path assetDir, String name) throws IOException {
    Files.createDirectories(assetDir);
    Path target = SafeName.inside(assetDir, name);
    if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
        && (asset.size() < 0 || Files.size(target) == asset.size())) {
      return false;
    }
    Path tmp = temporary(assetDir);
    try {
      try (InputStream in = assets.open(asset);
          OutputStream to =
              Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        in.transferTo(to);
      }
      move(tmp, target);
      return true;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Writes through a temporary file and one move: never a half-written note, never through a link.
   */
  static void write(Path dir, Path file, byte[] bytes) throws IOException {
    Path tmp = temporary(dir);
    try {
      Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      move(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * A fresh name for a temporary file in {@code dir} (created by the caller with CREATE_NEW, so
   * with the user's usual permissions, unlike {@code Files.createTempFile}).
   */
  static Path temporary(Path dir) {
    return SafeName.inside(dir, ".chatexport-" + UUID.randomUUID() + ".tmp");
  }

  static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
