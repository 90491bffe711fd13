package io.github.chatexport.cli;

import io.github.chatexport.api.Asset;
import io.github.chatexport.api.AssetReference;
import io.github.chatexport.api.Branch;
import io.github.chatexport.api.Content;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Message;
import io.github.chatexport.api.Metadata;
import io.github.chatexport.api.Part;
import io.github.chatexport.core.Assets;
import io.github.chatexport.core.ExportReader;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chatexport show EXPORT ID-OR-TITLE}. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    header = "One conversation as readable text.",
    description = {
      "The active branch (what chatgpt.com showed last), each message with its role, model and time;"
          + " images and files named; citations numbered, their sources at the end.",
      "",
      "ID-OR-TITLE picks the conversation: its id, else a unique id prefix (4 characters or more), else"
          + " the title (ignoring case), else a unique part of the title. Several matches are listed,"
          + " not shown.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  chatexport show chatgpt-export.zip 6650a1b2-7c3d-4e5f-8a9b-0c1d2e3f4a5b",
      "  chatexport show chatgpt-export.zip \"weekend in lisbon\"",
      "  chatexport show --all-branches --hidden chatgpt-export.zip lisbon | less"
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      ExitCodes.LIST_OK,
      ExitCodes.LIST_DAMAGED,
      ExitCodes.LIST_NOT_FOUND,
      ExitCodes.LIST_IO,
      ExitCodes.LIST_USAGE,
      ExitCodes.LIST_INTERNAL
    })
final class ShowCommand extends ExportCommand {
  private static final int MIN_PREFIX = 4;
  private static final int MAX_CANDIDATES = 10;

  @Parameters(
      index = "1",
      paramLabel = "ID-OR-TITLE",
      description = "The conversation's id or title.")
  String query = "";

  @Option(
      names = "--all-branches",
      description =
          "Show every branch (each edit and regeneration), one after"
              + " the other, instead of the active one only.")
  boolean allBranches;

  @Option(
      names = "--hidden",
      description =
          "Include hidden messages: system and context messages, tool calls"
              + " and tool output, thoughts, browsing.")
  boolean hidden;

  /** The matches of one level of matching: the first one kept whole, the others named. */
  private static final class Level {
    @Nullable Conversation first;
    int count;
    final List<String> names = new ArrayList<>();

    void add(Conversation c) {
      if (first == null) {
        first = c;
      }
      count++;
      if (names.size() < MAX_CANDIDATES) {
        names.add(Texts.id(c) + "  " + Texts.title(c));
      }
    }
  }

  @Override
  public Integer call() throws Exception {
    if (query.isBlank()) {
      throw usage("ID-OR-TITLE is empty");
    }
    String lower = query.toLowerCase(Locale.ROOT);
    try (Input input = input(true);
        ExportReader reader = input.reader()) {
      Level[] levels = {new Level(), new Level(), new Level()};
      Conversation found = null;
      try (Progress progress = progress();
          Stream<Conversation> all = reader.conversations(progress)) {
        for (Iterator<Conversation> it = all.iterator(); it.hasNext(); ) {
          Conversation c = it.next();
          if (c.id().equals(query)) {
            found = c;
            break;
          }
          String title = c.title() == null ? "" : c.title().toLowerCase(Locale.ROOT);
          if (query.length() >= MIN_PREFIX && c.id().startsWith(query)) {
            levels[0].add(c);
          } else if (title.equals(lower)) {
            levels[1].add(c);
          } else if (title.contains(lower)) {
            levels[2].add(c);
          }
        }
      }
      if (found == null) {
        for (Level level : levels) {
          if (level.count == 1) {
            found = level.first;
            break;
          }
          if (level.count > 1) {
            throw new CliException(
                level.count
                    + " conversations match '"
                    + Texts.oneLine(query)
                    + "'; give one of these ids:\n  "
                    + String.join("\n  ", level.names)
                    + (level.count > level.names.size() ? "\n  …" : ""),
                ExitCodes.NOT_FOUND);
          }
        }
      }
      if (found == null) {
        throw new CliException(
            "no conversation matches '"
                + Texts.oneLine(query)
                + "' (by id, id prefix or title); 'chatexport list' shows them all",
            ExitCodes.NOT_FOUND);
      }
      print(found, reader.assets());
    }
    return ExitCodes.OK;
  }

  private void print(Conversation c, Assets assets) {
    PrintWriter out = out();
    Map<String, List<AssetReference>> refs = new HashMap<>();
    for (AssetReference ref : assets.references(c)) {
      refs.computeIfAbsent(ref.messageId(), k -> new ArrayList<>()).add(ref);
    }
    Branch active = c.activeBranch();
    List<Branch> branches = c.branches();
    out.println(Texts.title(c));
    out.println(
        "id "
            + Texts.id(c)
            + ", created "
            + Times.minutes(Facts.created(c), zone())
            + ", updated "
            + Times.minutes(Facts.updated(c), zone())
            + " ("
            + zone().getId()
            + ")"
            + (branches.size() > 1
                ? ", "
                    + branches.size()
                    + " branches"
                    + (allBranches ? "" : " (showing the active one; --all-branches shows each)")
                : ""));
    if (!allBranches) {
      printBranch(out, active, refs);
      return;
    }
    int i = 0;
    for (Branch branch : branches) {
      i++;
      out.println();
      out.println(
          "=== branch "
              + i
              + " of "
              + branches.size()
              + (branch.nodeIds().equals(active.nodeIds()) ? " (active)" : "")
              + " ===");
      printBranch(out, branch, refs);
    }
  }

  private void printBranch(PrintWriter out, Branch branch, Map<String, List<AssetReference>> refs) {
    Citations.Sources sources = new Citations.Sources();
    List<Message> messages = hidden ? branch.messages() : branch.visibleMessages();
    for (Message m : messages) {
      out.println();
      out.println(header(m));
      String body = body(m, refs.getOrDefault(m.id(), List.of()), sources);
      if (!body.isEmpty()) {
        out.println(
            Texts.printable(body.endsWith("\n") ? body.substring(0, body.length() - 1) : body));
      }
    }
    if (!sources.isEmpty()) {
      out.println();
      out.println("Sources:");
      for (Citations.Source s : sources.all()) {
        out.println(
            "  ["
                + s.number()
                + "] "
                + Texts.oneLine(s.title())
                + (s.url() != null && !s.url().equals(s.title())
                    ? " <" + Texts.oneLine(s.url()) + ">"
                    : ""));
      }
    }
  }

  /** {@code [assistant, gpt-4o] 2024-05-10 09:12:40}. */
  private String header(Message m) {
    StringBuilder label =
        new StringBuilder(m.role().isEmpty() ? "(no role)" : Texts.oneLine(m.role()));
    if (m.author().name() != null) {
      label.append(' ').append(Texts.oneLine(m.author().name()));
    }
    if (m.recipient() != null && !m.recipient().equals("all")) {
      label.append(" -> ").append(Texts.oneLine(m.recipient()));
    }
    if (m.author().isAssistant()) {
      m.metadata()
          .resolvedModelSlug()
          .ifPresent(slug -> label.append(", ").append(Texts.oneLine(slug)));
    }
    if (!m.shownInChat()) {
      label.append(", hidden");
    }
    String time = Times.seconds(m.createTime(), zone());
    return "[" + label + "]" + (time.isEmpty() ? "" : " " + time);
  }

  private String body(Message m, List<AssetReference> refs, Citations.Sources sources) {
    StringBuilder out = new StringBuilder();
    Set<String> shown = new HashSet<>();
    Content content = m.content();
    if (content instanceof Content.Text) {
      if (!m.text().isEmpty()) {
        line(out, cite(m, m.text(), sources));
      }
    } else if (content instanceof Content.MultimodalText multimodal) {
      for (Part part : multimodal.parts()) {
        if (part instanceof Part.ImageAssetPointer image) {
          line(out, "[image: " + assetName(image.assetPointer(), refs, shown) + "]");
        } else if (part instanceof Part.AudioAssetPointer audio) {
          line(out, "[audio: " + assetName(audio.assetPointer(), refs, shown) + "]");
        } else if (part instanceof Part.RealTimeUserAudioVideoAssetPointer) {
          line(out, "[voice recording]");
        } else if (part.readableText() != null) {
          line(out, cite(m, part.readableText(), sources));
        } else if (!(part instanceof Part.Null)) {
          line(
              out,
              "["
                  + (part.contentType().isEmpty() ? "part" : Texts.oneLine(part.contentType()))
                  + "]");
        }
      }
    } else if (content instanceof Content.Code code) {
      out.append(Fences.block(code.text(), code.language()));
    } else if (content instanceof Content.ExecutionOutput output) {
      out.append("Output:\n").append(Fences.block(output.text(), null));
    } else if (content instanceof Content.Thoughts thoughts) {
      for (Content.Thought t : thoughts.thoughts()) {
        line(out, "Thought" + (t.summary() == null ? "" : ": " + t.summary()));
        if (t.content() != null) {
          line(out, t.content());
        }
      }
    } else if (content instanceof Content.ReasoningRecap recap) {
      line(out, "(" + recap.content() + ")");
    } else if (!m.text().isEmpty()) {
      line(out, m.text());
    } else {
      line(
          out,
          "["
              + (content.contentType().isEmpty()
                  ? "no content"
                  : Texts.oneLine(content.contentType()))
              + "]");
    }
    for (Metadata.Attachment a : m.metadata().attachments()) {
      AssetReference ref = find(a.id(), refs);
      if (ref != null && ref.asset() != null && shown.contains(ref.asset().entry())) {
        continue; // the upload was shown as an image already
      }
      String name =
          ref != null && ref.asset() != null
              ? ref.asset().fileName()
              : a.name() != null ? SafeName.of(a.name(), 200, "file") : Texts.oneLine(a.id());
      List<String> details = new ArrayList<>();
      if (a.mimeType() != null) {
        details.add(Texts.oneLine(a.mimeType()));
      }
      if (a.size() != null) {
        details.add(Texts.bytes(a.size()));
      }
      if (ref == null || ref.asset() == null) {
        details.add("not in the export");
      }
      line(
          out,
          "[file: "
              + name
              + (details.isEmpty() ? "" : " (" + String.join(", ", details) + ")")
              + "]");
    }
    for (AssetReference ref : refs) {
      if (ref.kind() == AssetReference.Kind.CODE_OUTPUT
          || ref.kind() == AssetReference.Kind.SCREENSHOT) {
        line(out, "[image: " + assetName(ref.pointer(), refs, shown) + "]");
      }
    }
    return out.toString();
  }

  private static String cite(Message m, String text, Citations.Sources sources) {
    return Citations.apply(
        m,
        text,
        sources,
        numbers -> numbers.stream().map(n -> "[" + n + "]").collect(Collectors.joining()));
  }

  private static void line(StringBuilder out, String text) {
    out.append(text);
    if (!text.endsWith("\n")) {
      out.append('\n');
    }
  }

  private static @Nullable AssetReference find(String pointer, List<AssetReference> refs) {
    for (AssetReference ref : refs) {
      if (ref.pointer().equals(pointer)) {
        return ref;
      }
    }
    return null;
  }

  private static String assetName(String pointer, List<AssetReference> refs, Set<String> shown) {
    AssetReference ref = find(pointer, refs);
    Asset asset = ref == null ? null : ref.asset();
    if (asset == null) {
      return Texts.oneLine(Pointers.id(pointer)) + " (not in the export)";
    }
    shown.add(asset.entry());
    return asset.fileName()
        + (asset.mimeType() == null ? "" : " (" + Texts.oneLine(asset.mimeType()) + ")");
  }
}
