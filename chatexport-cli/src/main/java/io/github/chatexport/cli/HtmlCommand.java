package io.github.chatexport.cli;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.core.ExportReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chatexport html EXPORT OUT-DIR}. */
@Command(
    name = "html",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    header = "A static offline site of the export: open OUT-DIR/index.html in any browser.",
    description = {
      "Writes into OUT-DIR (created if needed) index.html, one page per conversation in conversations/,"
          + " the images, audio and files they show in assets/, and the site's style, scripts and search"
          + " index in site/. It opens by double-click from the disk: nothing is loaded from the network (a"
          + " Content Security Policy forbids it; remote images are links).",
      "",
      "The index lists every conversation, newest first, with title, dates, model and message count, filters"
          + " by title and date, and searches the text of every message of every branch. A page shows the"
          + " active branch like the chat window, with a switcher at each fork (edits, regenerations) to show"
          + " the others; Markdown rendered, raw HTML shown as text; reasoning and tool calls collapsed.",
      "",
      "A second run (say, over a newer export) rewrites only the files that changed and removes the pages"
          + " of conversations no longer there. Nothing is written outside OUT-DIR.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  chatexport html chatgpt-export.zip ~/chatgpt-site",
      "  chatexport html --hidden chatgpt-export.zip site/"
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      ExitCodes.LIST_OK,
      ExitCodes.LIST_DAMAGED,
      ExitCodes.LIST_IO,
      ExitCodes.LIST_USAGE,
      ExitCodes.LIST_INTERNAL
    })
final class HtmlCommand extends ExportCommand {
  @Parameters(index = "1", paramLabel = "OUT-DIR", description = "The folder for the site.")
  Path outDir = Path.of("");

  @Option(
      names = "--hidden",
      description =
          "Also show hidden messages (system, custom instructions, memory)," + " collapsed.")
  boolean hidden;

  @Override
  public Integer call() throws Exception {
    if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
      throw usage("OUT-DIR is not a folder: " + outDir);
    }
    try (Input input = input(true);
        ExportReader reader = input.reader()) {
      Files.createDirectories(outDir);
      Path dir = outDir.toRealPath();
      HtmlSite site = new HtmlSite(dir, reader.assets(), zone(), hidden);
      boolean complete = false;
      try (Progress progress = progress();
          Stream<Conversation> all = reader.conversations(progress)) {
        for (Iterator<Conversation> it = all.iterator(); it.hasNext(); ) {
          Conversation c = it.next();
          site.add(
              c,
              input
                  .facts(c.id())
                  .map(f -> new ArchiveFacts(f.firstSeenTime(), f.lastSeenTime(), f.deleted()))
                  .orElse(ArchiveFacts.NONE));
        }
        complete = true;
      } finally {
        // After damage, what was read is still a site (and no page is removed).
        site.finish(complete);
      }
      out()
          .println(
              Texts.plural(site.pages(), "conversation", "conversations")
                  + " in "
                  + dir.resolve("index.html")
                  + ": "
                  + Texts.plural(site.written(), "file", "files")
                  + " written, "
                  + Texts.count(site.unchanged())
                  + " unchanged"
                  + (site.removed() == 0 ? "" : ", " + Texts.count(site.removed()) + " removed")
                  + "; "
                  + Texts.plural(site.copied(), "asset", "assets")
                  + " copied.");
    }
    return ExitCodes.OK;
  }
}
