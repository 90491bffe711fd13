package io.github.chatexport.cli;

import static java.util.Objects.requireNonNull;

import io.github.chatexport.api.Asset;
import io.github.chatexport.api.AssetReference;
import io.github.chatexport.api.Author;
import io.github.chatexport.api.Content;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Message;
import io.github.chatexport.api.MessageNode;
import io.github.chatexport.api.Metadata;
import io.github.chatexport.api.Part;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One conversation as an HTML page of the site: every branch's messages in one page, the active
 * branch shown and the others hidden, each fork with a switcher ({@code ‹ 2 / 3 ›}) that {@code
 * page.js} uses to show another branch without reloading. User turns are plain text; the
 * assistant's Markdown is rendered ({@link HtmlMarkdown}); reasoning and tool calls are collapsed;
 * hidden messages are left out unless asked for. Every text from the export is escaped. The page
 * depends only on the conversation, its assets, the facts and the options, so that an unchanged
 * conversation gives the same bytes.
 */
final class HtmlPage {
  /** How a message is shown. */
  enum Kind {
    SHOWN,
    REASONING,
    TOOL,
    HIDDEN
  }

  private final Conversation c;
  private final ZoneId zone;
  private final boolean showHidden;
  private final AssetLinks links;
  private final ArchiveFacts facts;
  private final Map<String, List<AssetReference>> refs = new HashMap<>();
  private final Citations.Sources sources = new Citations.Sources();
  private final StringBuilder words = new StringBuilder();

  HtmlPage(
      Conversation c,
      List<AssetReference> references,
      AssetLinks links,
      ZoneId zone,
      boolean showHidden,
      ArchiveFacts facts) {
    this.c = c;
    this.links = links;
    this.zone = zone;
    this.showHidden = showHidden;
    this.facts = facts;
    for (AssetReference ref : references) {
      refs.computeIfAbsent(ref.messageId(), k -> new ArrayList<>()).add(ref);
    }
  }

  /**
   * The text of every message on the page (all branches), for the search index; after {@link
   * #render}.
   */
  String searchText() {
    return words.toString();
  }

  static Kind kind(Message m) {
    Content content = m.content();
    if (m.shownInChat()) {
      return Kind.SHOWN;
    }
    if (m.metadata().isVisuallyHidden()) {
      return Kind.HIDDEN;
    }
    if (content instanceof Content.Thoughts || content instanceof Content.ReasoningRecap) {
      return Kind.REASONING;
    }
    boolean toolCall =
        m.author().isAssistant() && m.recipient() != null && !"all".equals(m.recipient());
    if (toolCall || Author.TOOL.equals(m.author().role())) {
      return Kind.TOOL;
    }
    return Kind.HIDDEN;
  }

  private boolean rendered(@Nullable Message m) {
    if (m == null) {
      return false;
    }
    Kind k = kind(m);
    return k != Kind.HIDDEN || showHidden;
  }

  /**
   * One rendered message: its node, its index and the index of its nearest rendered ancestor (-1:
   * none).
   */
  private record Item(MessageNode node, Message message, int index, int parent) {}

  String render(String title) {
    // The rendered tree: every node with a rendered message, under its nearest rendered ancestor,
    // depth first
    // over the library's reconciled children (cycle-safe: each node is visited once).
    List<Item> items = new ArrayList<>();
    Map<Integer, String> recaps = new HashMap<>();
    Set<String> visited = new HashSet<>();
    Set<String> isChild = new HashSet<>();
    for (MessageNode node : c.nodes().values()) {
      for (MessageNode child : c.children(node.id())) {
        isChild.add(child.id());
      }
    }
    Deque<Object[]> stack = new ArrayDeque<>();
    List<MessageNode> roots = new ArrayList<>();
    for (MessageNode node : c.nodes().values()) {
      if (!isChild.contains(node.id())) {
        roots.add(node);
      }
    }
    for (int r = roots.size() - 1; r >= 0; r--) {
      stack.push(new Object[] {roots.get(r), -1});
    }
    while (!stack.isEmpty()) {
      Object[] top = stack.pop();
      MessageNode node = (MessageNode) top[0];
      int parent = (Integer) top[1];
      if (!visited.add(node.id())) {
        continue;
      }
      Message m = node.message();
      int here = parent;
      if (m != null
          && m.content() instanceof Content.ReasoningRecap recap
          && parent >= 0
          && items.get(parent).message().content() instanceof Content.Thoughts
          && !recaps.containsKey(parent)) {
        recaps.put(
            parent, recap.content()); // "Thought for 7s": the title of the reasoning it follows
      } else if (m != null && rendered(m)) {
        here = items.size();
        items.add(new Item(node, m, here, parent));
      }
      List<MessageNode> children = c.children(node.id());
      for (int k = children.size() - 1; k >= 0; k--) {
        stack.push(new Object[] {children.get(k), here});
      }
    }
    Map<Integer, List<Integer>> kids = new HashMap<>();
    int[] place =
        new int[items.size()]; // among its siblings, from 0: no indexOf, so that 50,000 stay linear
    for (Item item : items) {
      List<Integer> siblings = kids.computeIfAbsent(item.parent(), k -> new ArrayList<>());
      place[item.index()] = siblings.size();
      siblings.add(item.index());
    }
    Set<String> active = new HashSet<>(c.activeBranch().nodeIds());

    StringBuilder out = new StringBuilder(4096);
    String shownTitle = title.isBlank() ? "Untitled" : title;
    HtmlSite.head(out, shownTitle, "../");
    out.append(
            "<body class=\"page\">\n<header class=\"top\"><a class=\"back\" href=\"../index.html\">")
        .append("\u2190 All conversations</a></header>\n<main>\n<h1>")
        .append(Html.text(shownTitle))
        .append("</h1>\n");
    out.append("<p class=\"meta\">Created ")
        .append(Html.text(Times.minutes(Facts.created(c), zone)))
        .append(" \u00b7 updated ")
        .append(Html.text(Times.minutes(Facts.updated(c), zone)));
    Facts.mainModel(c).ifPresent(model -> out.append(" \u00b7 ").append(Html.text(model)));
    int leaves = 0;
    for (Item item : items) {
      if (!kids.containsKey(item.index())) {
        leaves++;
      }
    }
    if (leaves > 1) {
      out.append(" \u00b7 ").append(leaves).append(" branches");
    }
    if (facts.deleted()) {
      out.append(" \u00b7 <span class=\"deleted\">deleted</span>");
    }
    if (facts.firstSeen() != null) {
      out.append(" \u00b7 first seen ").append(Html.text(Times.minutes(facts.firstSeen(), zone)));
    }
    if (facts.lastSeen() != null) {
      out.append(" \u00b7 last seen ").append(Html.text(Times.minutes(facts.lastSeen(), zone)));
    }
    out.append("</p>\n<div id=\"chat\">\n");
    words.append(title).append('\n');
    for (Item item : items) {
      List<Integer> siblings = requireNonNull(kids.get(item.parent()), "siblings");
      Message m = item.message();
      Kind kind = kind(m);
      boolean userTurn = m.author().isUser();
      boolean newTurn =
          item.parent() < 0 || items.get(item.parent()).message().author().isUser() != userTurn;
      out.append("<article class=\"msg ")
          .append(userTurn ? "user" : "assistant")
          .append(' ')
          .append(kind.name().toLowerCase(java.util.Locale.ROOT))
          .append("\" id=\"m")
          .append(item.index())
          .append("\" data-p=\"")
          .append(item.parent())
          .append('"');
      if (!active.contains(item.node().id())) {
        out.append(" hidden");
      }
      out.append(">\n");
      if (newTurn || siblings.size() > 1) {
        out.append("<div class=\"head\">");
      }
      if (newTurn) {
        out.append("<span class=\"who\">").append(Html.text(turnLabel(m))).append("</span>");
      }
      if (siblings.size() > 1) {
        int k = place[item.index()] + 1;
        out.append(
                "<nav class=\"fork\" aria-label=\"Branches\"><button type=\"button\" data-go=\"-1\"")
            .append(k == 1 ? " disabled" : "")
            .append(" aria-label=\"Previous branch\">\u2039</button> <span>")
            .append(k)
            .append(" / ")
            .append(siblings.size())
            .append("</span> <button type=\"button\" data-go=\"1\"")
            .append(k == siblings.size() ? " disabled" : "")
            .append(" aria-label=\"Next branch\">\u203a</button></nav>");
      }
      if (newTurn || siblings.size() > 1) {
        out.append("</div>\n");
      }
      String body = body(m);
      if (kind == Kind.SHOWN) {
        out.append(body);
      } else {
        String summary =
            recaps.containsKey(item.index()) && !recaps.get(item.index()).isBlank()
                ? Texts.oneLine(recaps.get(item.index()))
                : summary(m, kind);
        out.append("<details class=\"aside\"><summary>")
            .append(Html.text(summary))
            .append("</summary>\n")
            .append(body)
            .append("</details>\n");
      }
      out.append("</article>\n");
    }
    if (items.isEmpty()) {
      out.append("<p class=\"empty\">No messages.</p>\n");
    }
    out.append("</div>\n");
    if (!sources.isEmpty()) {
      out.append("<section class=\"sources\"><h2>Sources</h2>\n<ol>\n");
      for (Citations.Source s : sources.all()) {
        String url = HtmlMarkdown.safeUrl(s.url());
        out.append("<li id=\"src").append(s.number()).append("\">");
        if (url == null) {
          out.append(Html.text(s.title()));
        } else {
          out.append("<a href=\"")
              .append(Html.text(url))
              .append("\" rel=\"noopener noreferrer nofollow\">")
              .append(Html.text(s.title()))
              .append("</a>");
        }
        out.append("</li>\n");
      }
      out.append("</ol></section>\n");
    }
    out.append("</main>\n<script src=\"../site/page.js\"></script>\n</body>\n</html>\n");
    return out.toString();
  }

  private String turnLabel(Message m) {
    StringBuilder h = new StringBuilder(m.author().isUser() ? "You" : "ChatGPT");
    m.metadata()
        .resolvedModelSlug()
        .filter(s -> !m.author().isUser())
        .ifPresent(s -> h.append(" \u00b7 ").append(s));
    if (m.createTime() != null) {
      h.append(" \u00b7 ").append(Times.minutes(m.createTime(), zone));
    }
    return h.toString();
  }

  private static String summary(Message m, Kind kind) {
    Content content = m.content();
    return switch (kind) {
      case REASONING ->
          content instanceof Content.ReasoningRecap recap && !recap.content().isBlank()
              ? Texts.oneLine(recap.content())
              : "Reasoning";
      case TOOL ->
          Author.TOOL.equals(m.author().role())
              ? "Tool output"
                  + (m.author().name() == null ? "" : ": " + Texts.oneLine(m.author().name()))
              : "Tool call" + (m.recipient() == null ? "" : ": " + Texts.oneLine(m.recipient()));
      default -> "Hidden " + m.author().role() + " message (" + content.contentType() + ")";
    };
  }

  private String body(Message m) {
    StringBuilder out = new StringBuilder();
    List<AssetReference> mine = refs.getOrDefault(m.id(), List.of());
    Set<String> shown = new HashSet<>();
    Content content = m.content();
    boolean markdown = !m.author().isUser();
    if (content instanceof Content.MultimodalText multimodal) {
      for (Part part : multimodal.parts()) {
        if (part instanceof Part.ImageAssetPointer image) {
          image(out, find(image.assetPointer(), mine), image.assetPointer(), shown);
        } else if (part instanceof Part.AudioAssetPointer audio) {
          AssetReference ref = find(audio.assetPointer(), mine);
          Asset asset = ref == null ? null : ref.asset();
          if (asset == null) {
            out.append("<p class=\"missing\">Audio not in the export</p>\n");
          } else {
            shown.add(asset.entry());
            out.append("<audio controls preload=\"none\" src=\"")
                .append(href(asset))
                .append("\"></audio>\n");
          }
        } else if (part instanceof Part.RealTimeUserAudioVideoAssetPointer) {
          out.append("<p class=\"note\">Voice recording</p>\n");
        } else if (part.readableText() != null) {
          text(out, m, part.readableText(), markdown);
        }
      }
    } else if (content instanceof Content.Code code) {
      words.append(code.text()).append('\n');
      codeBlock(out, code.text(), code.language());
    } else if (content instanceof Content.ExecutionOutput output) {
      String text = output.text().replace("<<ImageDisplayed>>", "").strip();
      if (!text.isEmpty()) {
        words.append(text).append('\n');
        out.append("<div class=\"output-label\">Output</div>\n");
        codeBlock(out, text, null);
      }
    } else if (content instanceof Content.Thoughts thoughts) {
      for (Content.Thought t : thoughts.thoughts()) {
        if (t.summary() != null && !t.summary().isBlank()) {
          words.append(t.summary()).append('\n');
          out.append("<p><strong>")
              .append(Html.text(HtmlMarkdown.clean(t.summary())))
              .append("</strong></p>\n");
        }
        if (t.content() != null && !t.content().isBlank()) {
          text(out, m, t.content(), true);
        }
      }
    } else if (!m.text().isBlank()) {
      text(out, m, m.text(), markdown);
    }
    for (AssetReference ref : mine) {
      if (ref.kind() == AssetReference.Kind.CODE_OUTPUT
          || ref.kind() == AssetReference.Kind.SCREENSHOT) {
        image(out, ref, ref.pointer(), shown);
      }
    }
    for (Metadata.Attachment a : m.metadata().attachments()) {
      AssetReference ref = find(a.id(), mine);
      Asset asset = ref == null ? null : ref.asset();
      if (asset != null && shown.contains(asset.entry())) {
        continue;
      }
      String name = asset != null ? asset.fileName() : a.name() != null ? a.name() : a.id();
      if (asset == null) {
        out.append("<p class=\"attachment missing\">Attachment: ")
            .append(Html.text(name))
            .append(" (not in the export)</p>\n");
      } else {
        out.append("<p class=\"attachment\">Attachment: <a href=\"")
            .append(href(asset))
            .append("\">")
            .append(Html.text(name))
            .append("</a></p>\n");
      }
    }
    return out.toString();
  }

  private void text(StringBuilder out, Message m, String raw, boolean markdown) {
    String text = HtmlMarkdown.clean(raw);
    words.append(Citations.apply(m, text, null, n -> "")).append('\n');
    String marked = Citations.apply(m, text, sources, HtmlMarkdown::mark);
    if (markdown) {
      out.append("<div class=\"md\">")
          .append(HtmlMarkdown.render(marked, HtmlPage::citeLink))
          .append("</div>\n");
    } else {
      out.append("<div class=\"plain\">")
          .append(HtmlMarkdown.cite(Html.text(marked.strip()), HtmlPage::citeLink))
          .append("</div>\n");
    }
  }

  private static String citeLink(int n) {
    return "<a href=\"#src" + n + "\">[" + n + "]</a>";
  }

  private static void codeBlock(StringBuilder out, String code, @Nullable String language) {
    String lang =
        language == null || language.isBlank() || language.equals("unknown") ? null : language;
    out.append("<div class=\"code\">");
    if (lang != null) {
      out.append("<div class=\"lang\">").append(Html.text(lang)).append("</div>");
    }
    out.append("<pre><code")
        .append(lang == null ? "" : " class=\"language-" + Html.text(lang.replace(' ', '-')) + "\"")
        .append('>')
        .append(Html.text(code))
        .append("</code></pre></div>\n");
  }

  private void image(
      StringBuilder out, @Nullable AssetReference ref, String pointer, Set<String> shown) {
    Asset asset = ref == null ? null : ref.asset();
    if (asset == null) {
      out.append("<p class=\"missing\">Image not in the export: ")
          .append(Html.text(Pointers.id(pointer)))
          .append("</p>\n");
      return;
    }
    shown.add(asset.entry());
    out.append("<figure><img src=\"")
        .append(href(asset))
        .append("\" alt=\"")
        .append(Html.text(asset.fileName()))
        .append("\" loading=\"lazy\"></figure>\n");
  }

  /** The link from a page in {@code conversations/} to the asset's copy (which is then copied). */
  private String href(Asset asset) {
    return "../" + links.link(asset);
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
