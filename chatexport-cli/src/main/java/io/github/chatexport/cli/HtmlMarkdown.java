package io.github.chatexport.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;
import org.jspecify.annotations.Nullable;

/**
 * A message's Markdown as inert HTML, through commonmark-java and its GFM tables extension: raw
 * HTML (blocks and inline) is escaped and shown as text; links keep only {@code http}, {@code
 * https} and {@code mailto} targets; images are never loaded from elsewhere (a remote image becomes
 * a link to it); LaTeX between {@code \( \)}, {@code \[ \]} or {@code $$ $$} is kept as written (as
 * text, not as Markdown); citation marks placed by the caller become numbered links to the page's
 * sources. Thread-safe.
 */
final class HtmlMarkdown {
  /**
   * Placeholders: the caller's citation marks and the math spans. Stripped from the input first.
   */
  static final char CITE_OPEN = '\uF8F2';

  static final char CITE_CLOSE = '\uF8F3';
  private static final char MATH_OPEN = '\uF8F0';
  private static final char MATH_CLOSE = '\uF8F1';
  private static final Pattern PLACEHOLDERS = Pattern.compile("[\uF8F0-\uF8F3]");
  private static final Pattern MATH = Pattern.compile(MATH_OPEN + "(\\d+)" + MATH_CLOSE);
  private static final Pattern CITE = Pattern.compile(CITE_OPEN + "([0-9,]+)" + CITE_CLOSE);

  /** How far a math span may reach: beyond it, the opening is text (keeps hostile input linear). */
  private static final int MATH_REACH = 4000;

  private static final String[][] MATH_DELIMITERS = {{"\\[", "\\]"}, {"$$", "$$"}, {"\\(", "\\)"}};

  private static final List<org.commonmark.Extension> EXTENSIONS =
      List.of(TablesExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  private static final HtmlRenderer RENDERER =
      HtmlRenderer.builder()
          .extensions(EXTENSIONS)
          .escapeHtml(true)
          .sanitizeUrls(true)
          .percentEncodeUrls(true)
          .nodeRendererFactory(SafeLinks::new)
          .build();

  private HtmlMarkdown() {}

  /**
   * Strips the placeholder characters this class uses, so that the export's text cannot forge them.
   */
  static String clean(String untrusted) {
    return PLACEHOLDERS.matcher(untrusted).replaceAll("");
  }

  /**
   * {@code markdown} (already {@link #clean}ed, with citation marks {@code CITE_OPEN 1,2
   * CITE_CLOSE} placed by the caller) as HTML; {@code citation} gives the link of one source
   * number.
   */
  static String render(String markdown, IntFunction<String> citation) {
    List<String> math = new ArrayList<>();
    String protectedText = protectMath(markdown, math);
    String html = RENDERER.render(PARSER.parse(protectedText));
    if (!math.isEmpty()) {
      Matcher m = MATH.matcher(html);
      StringBuilder out = new StringBuilder(html.length() + 64);
      while (m.find()) {
        int i = Integer.parseInt(m.group(1));
        m.appendReplacement(out, "");
        out.append("<span class=\"math\">")
            .append(i < math.size() ? Html.text(math.get(i)) : "")
            .append("</span>");
      }
      m.appendTail(out);
      html = out.toString();
    }
    return cite(html, citation);
  }

  /** Replaces the citation marks of {@code html} (escaped text) by their links. */
  static String cite(String html, IntFunction<String> citation) {
    if (html.indexOf(CITE_OPEN) < 0) {
      return html;
    }
    Matcher m = CITE.matcher(html);
    StringBuilder out = new StringBuilder(html.length() + 64);
    while (m.find()) {
      m.appendReplacement(out, "");
      out.append("<sup class=\"cite\">");
      for (String n : m.group(1).split(",", -1)) {
        if (!n.isEmpty()) {
          out.append(citation.apply(Integer.parseInt(n)));
        }
      }
      out.append("</sup>");
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The citation mark for {@code numbers}, to put into Markdown or plain text before rendering. */
  static String mark(List<Integer> numbers) {
    StringBuilder out = new StringBuilder().append(CITE_OPEN);
    for (int n : numbers) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append(n);
    }
    return out.append(CITE_CLOSE).toString();
  }

  /**
   * Math spans replaced by numbered placeholders (their text in {@code math}), so that Markdown
   * does not eat their backslashes, underscores and stars. A span ends within {@value #MATH_REACH}
   * characters, on no blank line and no code fence (an inline one on no line break); else its
   * opening is left as text. Linear: every look-ahead is remembered, and the positions it finds
   * only grow.
   */
  static String protectMath(String text, List<String> math) {
    if (text.indexOf("\\[") < 0 && text.indexOf("\\(") < 0 && text.indexOf("$$") < 0) {
      return text;
    }
    Ahead ahead = new Ahead(text);
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    int n = text.length();
    while (i < n) {
      int end = -1;
      int kind = -1;
      for (int k = 0; k < MATH_DELIMITERS.length; k++) {
        if (text.startsWith(MATH_DELIMITERS[k][0], i)) {
          kind = k;
          end = ahead.close(k, i + MATH_DELIMITERS[k][0].length());
          break;
        }
      }
      if (kind >= 0 && end >= 0) {
        int stop = end + MATH_DELIMITERS[kind][1].length();
        out.append(MATH_OPEN).append(math.size()).append(MATH_CLOSE);
        math.add(text.substring(i, stop));
        i = stop;
      } else if (kind >= 0) {
        out.append(text, i, i + MATH_DELIMITERS[kind][0].length());
        i += MATH_DELIMITERS[kind][0].length();
      } else {
        out.append(text.charAt(i++));
      }
    }
    return out.toString();
  }

  /**
   * Remembered look-aheads over one text: the next closing of each kind, line break and blank line
   * or fence.
   */
  private static final class Ahead {
    private final String text;
    private final int[] closing = {-2, -2, -2};
    private int lineBreak = -2;
    private int hardBreak = -2;

    Ahead(String text) {
      this.text = text;
    }

    /**
     * Where the span of delimiter {@code kind} whose content starts at {@code from} closes, or -1.
     */
    int close(int kind, int from) {
      if (closing[kind] != Integer.MAX_VALUE && closing[kind] < from) {
        int at = text.indexOf(MATH_DELIMITERS[kind][1], from);
        closing[kind] = at < 0 ? Integer.MAX_VALUE : at;
      }
      int end = closing[kind];
      if (end == Integer.MAX_VALUE || end == from || end - from > MATH_REACH) {
        return -1;
      }
      int stop = kind == 2 ? lineBreak(from) : hardBreak(from);
      return stop < end ? -1 : end;
    }

    private int lineBreak(int from) {
      if (lineBreak != Integer.MAX_VALUE && lineBreak < from) {
        int at = text.indexOf('\n', from);
        lineBreak = at < 0 ? Integer.MAX_VALUE : at;
      }
      return lineBreak;
    }

    /** The first line break at or after {@code from} that starts a blank line or a code fence. */
    private int hardBreak(int from) {
      if (hardBreak != Integer.MAX_VALUE && hardBreak < from) {
        int at = text.indexOf('\n', from);
        while (at >= 0 && !blankLineOrFenceAfter(text, at + 1)) {
          at = text.indexOf('\n', at + 1);
        }
        hardBreak = at < 0 ? Integer.MAX_VALUE : at;
      }
      return hardBreak;
    }
  }

  private static boolean blankLineOrFenceAfter(String text, int i) {
    int k = i;
    while (k < text.length() && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
      k++;
    }
    return k >= text.length()
        || text.charAt(k) == '\n'
        || text.startsWith("```", k)
        || text.startsWith("~~~", k);
  }

  /**
   * A link target the site may keep: http, https or mailto; null for any other (javascript:, file:,
   * …).
   */
  static @Nullable String safeUrl(@Nullable String url) {
    if (url == null) {
      return null;
    }
    String u = url.strip();
    String lower = u.toLowerCase(Locale.ROOT);
    if (lower.startsWith("https://")
        || lower.startsWith("http://")
        || lower.startsWith("mailto:")) {
      for (int i = 0; i < u.length(); i++) {
        if (Character.isISOControl(u.charAt(i)) || Character.isWhitespace(u.charAt(i))) {
          return null;
        }
      }
      return u;
    }
    return null;
  }

  /** Links and images rendered so that nothing is loaded and no link runs code. */
  private static final class SafeLinks implements NodeRenderer {
    private final HtmlNodeRendererContext context;
    private final HtmlWriter html;

    SafeLinks(HtmlNodeRendererContext context) {
      this.context = context;
      this.html = context.getWriter();
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
      return Set.of(Link.class, Image.class, FencedCodeBlock.class);
    }

    @Override
    public void render(Node node) {
      if (node instanceof FencedCodeBlock code) {
        code(code);
        return;
      }
      String destination =
          node instanceof Link link ? link.getDestination() : ((Image) node).getDestination();
      String url = safeUrl(destination);
      if (url == null) {
        if (node instanceof Image) {
          html.text("[image: ");
          children(node);
          html.text("]");
        } else {
          children(node); // the link text, without the link
        }
        return;
      }
      Map<String, String> attrs = new LinkedHashMap<>();
      attrs.put("href", context.encodeUrl(url));
      attrs.put("rel", "noopener noreferrer nofollow");
      if (node instanceof Image) {
        attrs.put("class", "remote-image");
        attrs.put("title", "A remote image: not loaded, opens in the browser");
      } else if (node instanceof Link link && link.getTitle() != null) {
        attrs.put("title", link.getTitle());
      }
      html.tag("a", attrs);
      if (node instanceof Image) {
        html.text("Remote image: ");
        if (node.getFirstChild() == null) {
          html.text(url);
        }
      }
      children(node);
      html.tag("/a");
    }

    /** A fenced code block with its language shown above it, as the chat window does. */
    private void code(FencedCodeBlock code) {
      String info = code.getInfo() == null ? "" : code.getInfo().strip();
      int space = info.indexOf(' ');
      String language = space < 0 ? info : info.substring(0, space);
      html.line();
      html.tag("div", Map.of("class", "code"));
      if (!language.isEmpty()) {
        html.tag("div", Map.of("class", "lang"));
        html.text(language);
        html.tag("/div");
      }
      html.tag("pre");
      html.tag("code", language.isEmpty() ? Map.of() : Map.of("class", "language-" + language));
      html.text(code.getLiteral());
      html.tag("/code");
      html.tag("/pre");
      html.tag("/div");
      html.line();
    }

    private void children(Node parent) {
      Node child = parent.getFirstChild();
      while (child != null) {
        Node next = child.getNext();
        context.render(child);
        child = next;
      }
    }
  }
}
