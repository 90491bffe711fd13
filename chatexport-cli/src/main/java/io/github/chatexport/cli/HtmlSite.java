package io.github.chatexport.cli;

import static java.util.Objects.requireNonNull;

import io.github.chatexport.api.Asset;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.core.Assets;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The static site of {@code chatexport html}: {@code index.html}, one page per conversation in
 * {@code conversations/}, the assets the pages show in {@code assets/} (as {@code markdown} names
 * and copies them), and in {@code site/} the style sheet, the two scripts and the search index
 * ({@code search.js}, a script rather than data to fetch, so that it loads from {@code file://}).
 *
 * <p>Feed it with {@link #add} (a conversation and what an archive knows of it), then {@link
 * #finish}. Every file is written only when its bytes differ from what is there, through a
 * temporary file and one move, and only inside OUT-DIR; {@link #finish} with {@code complete}
 * removes the pages of conversations no longer there.
 */
final class HtmlSite {
  static final String PAGES = "conversations";
  static final String SITE = "site";
  static final String SEARCH = "search.js";
  static final List<String> STATIC = List.of("style.css", "index.js", "page.js");
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

  /**
   * The pages this command writes: {@link MarkdownCommand#noteName}'s names, ending in the id's
   * hash.
   */
  private static final Pattern PAGE_NAME =
      Pattern.compile(".* [0-9a-f]{10}(?:[0-9a-f]{54})?\\.html");

  /**
   * The Content Security Policy of every page: nothing from elsewhere, no inline script, no
   * plug-in.
   */
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " media-src 'self'; base-uri 'none'; form-action 'none'";

  private final Path dir;
  private final Path pageDir;
  private final Path siteDir;
  private final Path assetDir;
  private final Assets assets;
  private final ZoneId zone;
  private final boolean showHidden;
  private final AssetLinks links = new AssetLinks();
  private final Set<String> names = new HashSet<>();
  private final List<Row> rows = new ArrayList<>();
  private final Path searchTmp;
  private final BufferedWriter search;
  private int written;
  private int unchanged;
  private int removed;
  private int copied;

  /** One line of the index: {@code k} is the conversation's place in the search index. */
  record Row(
      int k,
      String title,
      @Nullable Instant created,
      @Nullable Instant updated,
      @Nullable String model,
      int messages,
      String file,
      ArchiveFacts facts) {}

  /**
   * A site in {@code dir} (an existing folder, as a real path) from conversations whose assets
   * {@code assets} resolves; times shown in {@code zone}; hidden messages shown when {@code
   * showHidden}.
   */
  HtmlSite(Path dir, Assets assets, ZoneId zone, boolean showHidden) throws IOException {
    this.dir = dir;
    this.assets = assets;
    this.zone = zone;
    this.showHidden = showHidden;
    this.pageDir = folder(dir, PAGES);
    this.siteDir = folder(dir, SITE);
    this.assetDir = SafeName.inside(dir, AssetLinks.FOLDER);
    if (Files.isSymbolicLink(assetDir)
        || (Files.exists(assetDir) && !Files.isDirectory(assetDir))) {
      throw new CliException(
          "refusing to write assets through " + assetDir + ": it is a link or not a folder",
          ExitCodes.IO);
    }
    searchTmp = MarkdownCommand.temporary(siteDir);
    search =
        Files.newBufferedWriter(
            searchTmp,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
    search.write("window.chatexportSearch = [\n");
  }

  private static Path folder(Path dir, String name) throws IOException {
    Path sub = SafeName.inside(dir, name);
    if (Files.isSymbolicLink(sub)
        || (Files.exists(sub, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(sub))) {
      throw new CliException(
          "refusing to write through " + sub + ": it is a link or not a folder", ExitCodes.IO);
    }
    Files.createDirectories(sub);
    return sub;
  }

  int written() {
    return written;
  }

  int unchanged() {
    return unchanged;
  }

  int removed() {
    return removed;
  }

  int copied() {
    return copied;
  }

  int pages() {
    return rows.size();
  }

  /** Writes the page of {@code c} (when it changed) and copies the assets it shows. */
  void add(Conversation c, ArchiveFacts facts) throws IOException {
    String title = c.title() == null ? "" : Texts.oneLine(c.title());
    String file =
        MarkdownCommand.noteName(c, MarkdownCommand.noteKey(c), names)
            .replaceFirst("\\.md$", ".html");
    HtmlPage page = new HtmlPage(c, assets.references(c), links, zone, showHidden, facts);
    String html = page.render(title);
    writeIfChanged(SafeName.inside(pageDir, file), html.getBytes(StandardCharsets.UTF_8));
    for (Asset asset : links.drain()) {
      if (MarkdownCommand.copy(assets, asset, assetDir, links.name(asset))) {
        copied++;
      }
    }
    int k = rows.size();
    rows.add(
        new Row(
            k,
            title,
            Facts.created(c),
            Facts.updated(c),
            Facts.mainModel(c).orElse(null),
            c.activeBranch().visibleMessages().size(),
            file,
            facts));
    search.write(searchEntry(page.searchText()));
  }

  /**
   * One entry of {@code search.js}: the words of {@code text} as a JavaScript string, a comma, a
   * line break.
   */
  static String searchEntry(String text) {
    StringBuilder line = new StringBuilder();
    Html.jsString(line, words(text));
    return line.append(",\n").toString();
  }

  /**
   * The distinct words of {@code text}, lower case, each once, between spaces ({@code " lisbon tram
   * 28 "}): what the search box looks into (a word is letters, digits and marks).
   */
  static String words(String text) {
    Set<String> seen = new LinkedHashSet<>();
    String lower = text.toLowerCase(Locale.ROOT);
    int start = -1;
    for (int i = 0; i <= lower.length(); ) {
      int cp = i < lower.length() ? lower.codePointAt(i) : ' ';
      boolean word =
          Character.isLetterOrDigit(cp)
              || Character.getType(cp) == Character.NON_SPACING_MARK
              || Character.getType(cp) == Character.COMBINING_SPACING_MARK;
      if (word && start < 0) {
        start = i;
      } else if (!word && start >= 0) {
        seen.add(lower.substring(start, i));
        start = -1;
      }
      i += i < lower.length() ? Character.charCount(cp) : 1;
    }
    StringBuilder out = new StringBuilder(" ");
    for (String w : seen) {
      out.append(w).append(' ');
    }
    return out.toString();
  }

  /**
   * Writes the index, the search index and the site's own files. With {@code complete} (every
   * conversation was read), removes the pages of {@code conversations/} that this run did not
   * write; after a failed pass they are kept.
   */
  void finish(boolean complete) throws IOException {
    search.write("];\n");
    search.close();
    Path searchFile = SafeName.inside(siteDir, SEARCH);
    try {
      if (Files.isRegularFile(searchFile, LinkOption.NOFOLLOW_LINKS)
          && Files.size(searchFile) == Files.size(searchTmp)
          && Files.mismatch(searchFile, searchTmp) < 0) {
        unchanged++;
      } else {
        MarkdownCommand.move(searchTmp, searchFile);
        written++;
      }
    } finally {
      Files.deleteIfExists(searchTmp);
    }
    for (String name : STATIC) {
      try (InputStream in = HtmlSite.class.getResourceAsStream("html/" + name)) {
        if (in == null) {
          throw new IllegalStateException("the jar lacks html/" + name);
        }
        writeIfChanged(SafeName.inside(siteDir, name), in.readAllBytes());
      }
    }
    writeIfChanged(
        SafeName.inside(dir, "index.html"), index(rows, zone).getBytes(StandardCharsets.UTF_8));
    if (complete) {
      Set<String> current = new HashSet<>();
      for (Row row : rows) {
        current.add(row.file());
      }
      try (DirectoryStream<Path> pages = Files.newDirectoryStream(pageDir)) {
        for (Path p : pages) {
          String name = p.getFileName().toString();
          if (!current.contains(name)
              && PAGE_NAME.matcher(name).matches()
              && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(p);
            removed++;
          }
        }
      }
    }
  }

  private void writeIfChanged(Path file, byte[] bytes) throws IOException {
    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
        && Files.size(file) == bytes.length
        && Arrays.equals(Files.readAllBytes(file), bytes)) {
      unchanged++;
      return;
    }
    MarkdownCommand.write(requireNonNull(file.getParent(), "parent"), file, bytes);
    written++;
  }

  /**
   * The head of every page: charset, viewport, the policy, the style sheet; {@code base} leads to
   * OUT-DIR.
   */
  static void head(StringBuilder out, String title, String base) {
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .append(CSP)
        .append("\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
        .append("<meta name=\"color-scheme\" content=\"light dark\">\n")
        .append("<title>")
        .append(Html.text(title))
        .append("</title>\n")
        .append("<link rel=\"stylesheet\" href=\"")
        .append(base)
        .append(SITE)
        .append("/style.css\">\n")
        .append("</head>\n");
  }

  /**
   * The index page of {@code rows} (in any order: it shows the newest first), times in {@code
   * zone}.
   */
  static String index(List<Row> rows, ZoneId zone) {
    List<Row> sorted = new ArrayList<>(rows);
    Comparator<Instant> newestFirst = Comparator.nullsLast(Comparator.<Instant>reverseOrder());
    sorted.sort(
        Comparator.comparing((Row r) -> r.updated(), newestFirst)
            .thenComparing(r -> r.created(), newestFirst)
            .thenComparingInt(Row::k));
    boolean anyDeleted = rows.stream().anyMatch(r -> r.facts().deleted());
    StringBuilder out = new StringBuilder(256 + rows.size() * 400);
    head(out, "ChatGPT conversations", "");
    out.append("<body class=\"index\">\n<main>\n<h1>ChatGPT conversations</h1>\n")
        .append("<form id=\"filters\" role=\"search\" autocomplete=\"off\">\n")
        .append(
            "<input type=\"search\" id=\"title\" placeholder=\"Filter by title\" aria-label=\"Filter by title\">\n")
        .append(
            "<input type=\"search\" id=\"q\" placeholder=\"Search all messages\" aria-label=\"Search all"
                + " messages\">\n")
        .append("<label>From <input type=\"date\" id=\"from\"></label>\n")
        .append("<label>To <input type=\"date\" id=\"to\"></label>\n");
    if (anyDeleted) {
      out.append(
              "<select id=\"deleted\" aria-label=\"Deleted conversations\"><option value=\"\">All</option>")
          .append(
              "<option value=\"hide\">Without deleted</option><option value=\"only\">Only deleted</option>")
          .append("</select>\n");
    }
    out.append("</form>\n<p id=\"count\" aria-live=\"polite\">")
        .append(Texts.plural(rows.size(), "conversation", "conversations"))
        .append("</p>\n");
    out.append(
            "<div class=\"row labels\" aria-hidden=\"true\"><span>Title</span><span>Created</span>")
        .append("<span>Updated</span><span>Model</span><span class=\"n\">Messages</span></div>\n")
        .append("<ol id=\"list\">\n");
    for (Row r : sorted) {
      out.append("<li class=\"row")
          .append(r.facts().deleted() ? " deleted" : "")
          .append("\" data-k=\"")
          .append(r.k())
          .append("\" data-from=\"")
          .append(day(r.created(), r.updated(), zone))
          .append("\" data-to=\"")
          .append(day(r.updated(), r.created(), zone))
          .append('"');
      if (r.facts().deleted()) {
        out.append(" data-deleted=\"\"");
      }
      out.append("><span class=\"t\"><a href=\"")
          .append(PAGES)
          .append('/')
          .append(Markdown.path(r.file()))
          .append("\">")
          .append(Html.text(r.title().isEmpty() ? "Untitled" : r.title()))
          .append("</a>");
      if (r.facts().deleted()) {
        out.append(" <span class=\"badge\">deleted</span>");
      }
      out.append("</span> <span class=\"d c\">")
          .append(Times.minutes(r.created(), zone))
          .append("</span> <span class=\"d\">")
          .append(Times.minutes(r.updated(), zone))
          .append("</span> <span class=\"m\">")
          .append(Html.text(r.model()))
          .append("</span> <span class=\"n\">")
          .append(r.messages())
          .append("</span></li>\n");
    }
    out.append("</ol>\n<p id=\"none\" hidden>No conversation matches.</p>\n")
        .append(
            "<noscript><p>Filters and search need JavaScript; the list is complete without it.</p></noscript>\n")
        .append("</main>\n<script src=\"")
        .append(SITE)
        .append("/index.js\"></script>\n</body>\n</html>\n");
    return out.toString();
  }

  private static String day(@Nullable Instant t, @Nullable Instant otherwise, ZoneId zone) {
    Instant at = t != null ? t : otherwise;
    return at == null ? "" : DAY.format(at.atZone(zone));
  }
}
