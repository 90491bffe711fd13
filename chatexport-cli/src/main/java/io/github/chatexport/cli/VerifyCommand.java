package io.github.chatexport.cli;

import io.github.chatexport.api.AssetReference;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Warning;
import io.github.chatexport.core.Assets;
import io.github.chatexport.core.ChatExportException;
import io.github.chatexport.core.ExportReader;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/** {@code chatexport verify EXPORT}. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    header = "Check that the export is whole: warnings, errors, missing assets.",
    description = {
      "Reads the whole export and reports its layout and era, every warning and error with its location"
          + " (file, line, column, byte, JSON path, conversation), and every asset that messages point to"
          + " but the export does not hold. Missing assets are normal (expired voice recordings, files kept"
          + " on the server): they are listed but do not change the exit status.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  chatexport verify chatgpt-export.zip",
      "  chatexport verify chatgpt-export.zip && echo clean"
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:the export is clean",
      "1:it reads, with warnings",
      "2:it is not an export, or has errors (damage ends the read)",
      ExitCodes.LIST_IO,
      ExitCodes.LIST_USAGE,
      ExitCodes.LIST_INTERNAL
    })
final class VerifyCommand extends ExportCommand {
  @Override
  public Integer call() throws Exception {
    PrintWriter out = out();
    long conversations = 0;
    long warnings = 0;
    Set<String> missing = new HashSet<>();
    String error = null;
    try (Input input = input(true);
        ExportReader reader = input.reader()) {
      out.println(
          "export: "
              + Texts.oneLine(String.valueOf(export.getFileName()))
              + " ("
              + Describe.layout(reader.layout())
              + ")");
      out.flush();
      Assets assets = reader.assets();
      try (Progress progress = progress();
          Stream<Conversation> all = reader.conversations(progress)) {
        for (Iterator<Conversation> it = all.iterator(); it.hasNext(); ) {
          Conversation c = it.next();
          conversations++;
          for (Warning w : c.warnings()) {
            warnings++;
            out.println(describe(w));
          }
          for (AssetReference ref : assets.references(c)) {
            if (ref.isMissing() && missing.add(ref.assetId())) {
              // One line per missing asset (its first reference), so that the count below is the
              // lines shown.
              out.println(
                  "missing asset: "
                      + ref.kind().name().toLowerCase(Locale.ROOT)
                      + " "
                      + Texts.oneLine(ref.pointer())
                      + " (conversation "
                      + Texts.oneLine(ref.conversationId())
                      + ", message "
                      + Texts.oneLine(ref.messageId())
                      + ")");
            }
          }
        }
      } catch (ChatExportException e) {
        error = e.getMessage();
      }
      for (Warning w : reader.warnings()) {
        warnings++;
        out.println(describe(w));
      }
    } catch (ChatExportException e) {
      error = e.getMessage(); // not an export at all
    }
    if (error != null) {
      out.println("error: " + Texts.oneLine(error));
    }
    out.println(
        Texts.plural(conversations, "conversation", "conversations")
            + ", "
            + Texts.plural(warnings, "warning", "warnings")
            + ", "
            + Texts.plural(missing.size(), "missing asset", "missing assets")
            + ", "
            + (error == null ? "no errors" : "1 error (the read stopped there)")
            + ": "
            + (error != null ? "damaged" : warnings > 0 ? "readable, with warnings" : "clean")
            + ".");
    return error != null ? ExitCodes.DAMAGED : warnings > 0 ? ExitCodes.WARNINGS : ExitCodes.OK;
  }

  /**
   * {@code warning CYCLE: … at conversations.json line 3 column 14 (byte 1204) at $[2].mapping…}.
   */
  static String describe(Warning w) {
    return "warning "
        + w.kind().name()
        + ": "
        + Texts.oneLine(w.message())
        + " at "
        + Texts.oneLine(w.location().describe());
  }
}
