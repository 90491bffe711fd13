package io.github.chatexport.cli;

import io.github.chatexport.api.Asset;
import io.github.chatexport.api.AssetReference;
import io.github.chatexport.api.Branch;
import io.github.chatexport.api.Content;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Message;
import io.github.chatexport.api.Metadata;
import io.github.chatexport.api.Part;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One conversation as a Markdown note: YAML front matter, the active branch's visible messages
 * (with the code interpreter's code and output), images and attachments linked to their copies,
 * reasoning as collapsible blocks, citations as footnotes, and optionally the other branches as an
 * appendix. The text depends only on the conversation, the export's assets and the options, so that
 * an unchanged conversation gives the same note.
 */
final class NoteRenderer {
  private final Conversation c;
  private final ZoneId zone;
  private final boolean reasoning;
  private final boolean otherBranches;
  private final AssetLinks links;
  private final Map<String, List<AssetReference>> refs = new HashMap<>();
  private final Citations.Sources sources = new Citations.Sources();

  NoteRenderer(
      Conversation c,
      List<AssetReference> references,
      AssetLinks links,
      ZoneId zone,
      boolean reasoning,
      boolean otherBranches) {
    this.c = c;
    this.links = links;
    this.zone = zone;
    this.reasoning = reasoning;
    this.otherBranches = otherBranches;
    for (AssetReference ref : references) {
      refs.computeIfAbsent(ref.messageId(), k -> new ArrayList<>()).add(ref);
    }
  }

  String render() {
    StringBuilder out = new StringBuilder();
    out.append("---\n");
    out.append("id: ").append(c.id().isEmpty() ? "null" : Markdown.yaml(c.id())).append('\n');
    out.append("title: ")
        .append(c.title() == null ? "null" : Markdown.yaml(c.title()))
        .append('\n');
    String created = Times.utc(Facts.created(c));
    String updated = Times.utc(Facts.updated(c));
    out.append("created: ").append(created == null ? "null" : created).append('\n');
    out.append("updated: ").append(updated == null ? "null" : updated).append('\n');
    Facts.mainModel(c)
        .ifPresent(model -> out.append("model: ").append(Markdown.yaml(model)).append('\n'));
    if (!c.id().isEmpty()) {
      out.append("url: ")
          .append(
              Markdown.yaml(
                  "https://chatgpt.com/c/"
                      + URLEncoder.encode(c.id(), StandardCharsets.UTF_8).replace("+", "%20")))
          .append('\n');
    }
    out.append("---\n\n");
    out.append("# ")
        .append(c.title() == null || c.title().isBlank() ? "Untitled" : Markdown.inline(c.title()))
        .append('\n');
    Branch active = c.activeBranch();
    messages(out, selected(active.messages()), "##");
    List<Branch> branches = c.branches();
    if (otherBranches && branches.size() > 1) {
      out.append("\n## Other branches\n");
      List<String> activeIds = active.nodeIds();
      int i = 0;
      for (Branch branch : branches) {
        i++;
        List<String> ids = branch.nodeIds();
        if (ids.equals(activeIds)) {
          continue;
        }
        int common = 0;
        while (common < ids.size()
            && common < activeIds.size()
            && ids.get(common).equals(activeIds.get(common))) {
          common++;
        }
        out.append("\n### Branch ").append(i).append(" of ").append(branches.size()).append("\n\n");
        Message fork = null;
        for (int k = common - 1; k >= 0 && fork == null; k--) {
          Message m = branch.nodes().get(k).message();
          if (m != null && m.shownInChat() && !m.text().isBlank()) {
            fork = m;
          }
        }
        out.append(
            fork == null
                ? "_Another start._\n"
                : "_Forks after: “"
                    + Markdown.inline(SafeName.cut(Texts.oneLine(fork.text()), 120))
                    + "”_\n");
        List<Message> rest = new ArrayList<>();
        for (int k = common; k < branch.nodes().size(); k++) {
          Message m = branch.nodes().get(k).message();
          if (m != null) {
            rest.add(m);
          }
        }
        messages(out, selected(rest), "####");
      }
    }
    if (!sources.isEmpty()) {
      out.append('\n');
      for (Citations.Source s : sources.all()) {
        String url = Markdown.url(s.url());
        out.append("[^")
            .append(s.number())
            .append("]: ")
            .append(
                url == null
                    ? Markdown.inline(s.title())
                    : "[" + Markdown.inline(s.title()) + "](" + url + ")")
            .append('\n');
      }
    }
    return out.toString();
  }

  /**
   * What a note shows of a branch: the visible messages, code interpreter calls, and reasoning if
   * wanted.
   */
  private List<Message> selected(List<Message> messages) {
    List<Message> out = new ArrayList<>();
    for (Message m : messages) {
      Content content = m.content();
      boolean pythonCall =
          m.author().isAssistant()
              && content instanceof Content.Code
              && m.recipient() != null
              && m.recipient().startsWith("python");
      boolean thinking =
          reasoning
              && (content instanceof Content.Thoughts || content instanceof Content.ReasoningRecap);
      if (m.shownInChat() || pythonCall || thinking) {
        out.add(m);
      }
    }
    return out;
  }

  private void messages(StringBuilder out, List<Message> messages, String heading) {
    Boolean userTurn = null;
    Set<Message> consumed = new HashSet<>();
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      if (consumed.contains(m)) {
        continue;
      }
      boolean user = m.author().isUser();
      if (userTurn == null || userTurn != user) {
        userTurn = user;
        out.append('\n').append(heading).append(' ').append(turnHeading(messages, i)).append('\n');
      }
      if (m.content() instanceof Content.Thoughts thoughts) {
        String summary = "Reasoning";
        for (int k = i + 1; k < messages.size() && !messages.get(k).author().isUser(); k++) {
          if (messages.get(k).content() instanceof Content.ReasoningRecap recap) {
            summary = recap.content();
            consumed.add(messages.get(k));
            break;
          }
        }
        out.append("\n<details>\n<summary>")
            .append(Markdown.inline(summary))
            .append("</summary>\n\n");
        for (Content.Thought t : thoughts.thoughts()) {
          if (t.summary() != null && !t.summary().isBlank()) {
            out.append("**").append(Markdown.inline(t.summary())).append("**\n\n");
          }
          if (t.content() != null && !t.content().isBlank()) {
            out.append(t.content().strip()).append("\n\n");
          }
        }
        out.append("</details>\n");
        continue;
      }
      if (m.content() instanceof Content.ReasoningRecap) {
        continue; // a recap without thoughts says only how long the model thought
      }
      String body = trim(body(m));
      if (!body.isEmpty()) {
        out.append('\n').append(body).append('\n');
      }
    }
  }

  /** {@code User · 2024-05-10 09:12} or {@code Assistant · gpt-4o · 2024-05-10 09:12}. */
  private String turnHeading(List<Message> messages, int start) {
    Message first = messages.get(start);
    StringBuilder h = new StringBuilder(first.author().isUser() ? "User" : "Assistant");
    if (!first.author().isUser()) {
      for (int k = start; k < messages.size() && !messages.get(k).author().isUser(); k++) {
        var model = Facts.model(c, messages.get(k));
        if (messages.get(k).author().isAssistant() && model.isPresent()) {
          h.append(" · ").append(Markdown.inline(model.get()));
          break;
        }
      }
    }
    if (first.createTime() != null) {
      h.append(" · ").append(Times.minutes(first.createTime(), zone));
    }
    return h.toString();
  }

  private String body(Message m) {
    StringBuilder out = new StringBuilder();
    List<AssetReference> mine = refs.getOrDefault(m.id(), List.of());
    Set<String> shown = new HashSet<>();
    Content content = m.content();
    if (content instanceof Content.Text) {
      paragraph(out, cite(m, m.text()));
    } else if (content instanceof Content.MultimodalText multimodal) {
      for (Part part : multimodal.parts()) {
        if (part instanceof Part.ImageAssetPointer image) {
          paragraph(out, image(find(image.assetPointer(), mine), image.assetPointer(), shown));
        } else if (part instanceof Part.AudioAssetPointer audio) {
          AssetReference ref = find(audio.assetPointer(), mine);
          paragraph(
              out,
              "_(audio: "
                  + (ref != null && ref.asset() != null
                      ? Markdown.inline(ref.asset().fileName())
                      : "not in the export")
                  + ")_");
        } else if (part instanceof Part.RealTimeUserAudioVideoAssetPointer) {
          paragraph(out, "_(voice recording)_");
        } else if (part.readableText() != null) {
          paragraph(out, cite(m, part.readableText()));
        }
      }
    } else if (content instanceof Content.Code code) {
      paragraph(out, Fences.block(code.text(), code.language()));
    } else if (content instanceof Content.ExecutionOutput output) {
      // <<ImageDisplayed>> marks where the output's image was; the image itself follows.
      String text = output.text().replace("<<ImageDisplayed>>", "").strip();
      if (!text.isEmpty()) {
        paragraph(out, "Output:\n\n" + Fences.block(text, null));
      }
    } else if (!m.text().isBlank()) {
      paragraph(out, cite(m, m.text()));
    }
    for (AssetReference ref : mine) {
      if (ref.kind() == AssetReference.Kind.CODE_OUTPUT
          || ref.kind() == AssetReference.Kind.SCREENSHOT) {
        paragraph(out, image(ref, ref.pointer(), shown));
      }
    }
    for (Metadata.Attachment a : m.metadata().attachments()) {
      AssetReference ref = find(a.id(), mine);
      Asset asset = ref == null ? null : ref.asset();
      if (asset != null && shown.contains(asset.entry())) {
        continue; // the upload is shown as an image already
      }
      String name = asset != null ? asset.fileName() : a.name() != null ? a.name() : a.id();
      paragraph(
          out,
          asset == null
              ? "Attachment: " + Markdown.inline(name) + " _(not in the export)_"
              : "Attachment: [" + Markdown.inline(name) + "](" + links.link(asset) + ")");
    }
    return out.toString();
  }

  private String image(@Nullable AssetReference ref, String pointer, Set<String> shown) {
    Asset asset = ref == null ? null : ref.asset();
    if (asset == null) {
      return "_(image not in the export: " + Markdown.inline(Pointers.id(pointer)) + ")_";
    }
    shown.add(asset.entry());
    return "![" + Markdown.inline(asset.fileName()) + "](" + links.link(asset) + ")";
  }

  private String cite(Message m, String text) {
    return Citations.apply(
        m,
        text,
        sources,
        numbers -> numbers.stream().map(n -> "[^" + n + "]").collect(Collectors.joining()));
  }

  private static void paragraph(StringBuilder out, String text) {
    if (text.isBlank()) {
      return;
    }
    if (out.length() > 0) {
      out.append("\n\n");
    }
    out.append(trim(text));
  }

  /**
   * Without leading blank lines and trailing white space (leading indentation is kept: it may be
   * code).
   */
  private static String trim(String text) {
    String t = text.stripTrailing();
    int start = 0;
    for (int i = 0; i < t.length(); i++) {
      char ch = t.charAt(i);
      if (ch == '\n') {
        start = i + 1;
      } else if (ch != ' ' && ch != '\t' && ch != '\r') {
        break;
      }
    }
    return t.substring(start);
  }

  private static @Nullable AssetReference find(String pointer, List<AssetReference> refs) {
    for (AssetReference ref : refs) {
      if (ref.pointer().equals(pointer)) {
        return ref;
      }
    }
    return null;
  }
}
