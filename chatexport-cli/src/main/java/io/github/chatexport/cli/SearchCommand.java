package io.github.chatexport.cli;

import io.github.chatexport.archive.SearchHit;
import io.github.chatexport.archive.SearchIndex;
import io.github.chatexport.archive.SearchQuery;
import io.github.chatexport.archive.SearchQueryException;
import io.github.chatexport.core.ExportReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chatexport search FILE QUERY…}. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    header = "Full-text search of an archive, a search index or an export; --json for tools.",
    description = {
      "Finds messages (of the active branch; --all-branches for every branch, regenerated answers and"
          + " edited prompts included) and titles: words ignoring case and accents (cafe finds café), parts"
          + " of words of 3 characters or more (ynchron finds asynchronous), any character of Chinese,"
          + " Japanese, Korean or Thai (東京, 京), emoji.",
      "",
      "Query: words (all must be in one message or title), \"exact phrase\", prefix*, -excluded, a OR b.",
      "",
      "EXPORT may be an archive or an index kept with --index (SQLite files): they are searched at once."
          + " A ZIP, folder or conversations JSON file is indexed first, into a private temporary file"
          + " deleted afterwards, or into --index FILE to keep for the next searches.",
      "",
      "Output: one block per conversation (title, date, id), best first, with its hits (role, time, a"
          + " snippet; matches highlighted on a terminal); hits not on the active branch are marked"
          + " (other branch), and conversations deleted from the account [deleted].",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  chatexport search chatgpt-export.zip lisbon tram",
      "  chatexport search archive.sqlite '\"exact phrase\"' --all-branches",
      "  chatexport search --index export.sqlite chatgpt-export.zip 'retry OR backoff -python'",
      "  chatexport search archive.sqlite 東京 --role assistant --since 2025-01-01 --json"
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      ExitCodes.LIST_OK,
      ExitCodes.LIST_DAMAGED,
      ExitCodes.LIST_IO,
      ExitCodes.LIST_USAGE,
      ExitCodes.LIST_INTERNAL
    })
final class SearchCommand extends ExportCommand {
  /** Hits shown when --limit is not given. */
  static final int DEFAULT_LIMIT = 50;

  private static final String BOLD = "\u001b[1m";
  private static final String RESET = "\u001b[0m";

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "QUERY",
      description = "The query; several arguments are joined with spaces.")
  List<String> query = List.of();

  @Option(
      names = "--role",
      paramLabel = "ROLE",
      description = "Only texts by ROLE: user, assistant, system, tool.")
  @Nullable String role;

  @Option(
      names = "--model",
      paramLabel = "SLUG",
      description = "Only messages written by model SLUG (o3, gpt-4o).")
  @Nullable String model;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      description =
          "Only texts created at or after TIME: 2025-01-31, 2025-01-31T18:00 (both in --zone) or"
              + " 2025-01-31T17:00Z.")
  @Nullable String since;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      description = "Only texts created before TIME (a date includes that whole day).")
  @Nullable String until;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description =
          "Only texts of content type TYPE: text, code, execution_output, multimodal_text, …, or title.")
  @Nullable String type;

  @Option(names = "--all-branches", description = "Search every branch, not only the active one.")
  boolean allBranches;

  @Option(
      names = "--deleted",
      description = "Only conversations deleted from the account (an archive keeps them).")
  boolean deleted;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "At most N hits (default: " + DEFAULT_LIMIT + "; 0 for all).")
  int limit = DEFAULT_LIMIT;

  @Option(
      names = "--index",
      paramLabel = "FILE",
      description =
          "Keep the index of an export in FILE; when FILE exists, search it instead of indexing again.")
  @Nullable Path index;

  @Option(
      names = "--json",
      description =
          "A JSON array, one hit object per line: conversation_id, node_id, title, role, model,"
              + " content_type, create_time (UTC ISO-8601), active_branch, deleted, snippet, highlights ([start, end]"
              + " in code points of snippet), rank.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    SearchQuery q = query();
    if (!Files.exists(export)) {
      throw usage("EXPORT: no such file or folder: " + export);
    }
    try (SearchIndex searchIndex = openOrBuild()) {
      print(searchIndex, q);
    } finally {
      Path temporary = builtTemporary;
      if (temporary != null) {
        // The search is done: a copy left behind is logged, not an error of the search.
        Input.delete(temporary);
      }
    }
    return ExitCodes.OK;
  }

  /** The private temporary index of an export, deleted when the command ends. */
  private @Nullable Path builtTemporary;

  private SearchQuery query() {
    if (limit < 0) {
      throw usage("--limit must be 0 (all) or more: " + limit);
    }
    SearchQuery q;
    try {
      q = SearchQuery.parse(String.join(" ", query));
    } catch (SearchQueryException e) {
      throw usage("QUERY: " + e.getMessage());
    }
    return q.withRole(role)
        .withModel(model)
        .withContentType(type)
        .withSince(since == null ? null : bound(since, false, "--since"))
        .withUntil(until == null ? null : bound(until, true, "--until"))
        .withActiveBranchOnly(!allBranches)
        .withDeletedOnly(deleted)
        .withLimit(limit == 0 ? 0 : limit + 1);
  }

  /** The archive or index given, the one kept with --index, or a new one built from the export. */
  private SearchIndex openOrBuild() throws IOException {
    if (SearchIndex.isSqlite(export)) {
      if (index != null) {
        throw usage(
            "--index is for exports: "
                + export
                + " is already a SQLite file (an archive or an index)");
      }
      return openSqlite(export);
    }
    Path target = index;
    if (target != null && Files.exists(target) && Files.size(target) > 0) {
      if (!SearchIndex.isSqlite(target)) {
        throw usage("--index: " + target + " exists and is not a search index; give a new file");
      }
      note(
          "Searching the index in "
              + target
              + " (built earlier; delete it to index the export again).");
      return openSqlite(target);
    }
    if (target == null) {
      target = Files.createTempFile("chatexport-search-", ".sqlite"); // private to this user
      builtTemporary = target;
    }
    try (ExportReader reader = open();
        Progress progress = progress()) {
      return SearchIndex.build(target, reader, progress);
    }
  }

  private static SearchIndex openSqlite(Path file) throws IOException {
    try {
      return SearchIndex.open(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      throw new CliException(
          Objects.requireNonNullElse(e.getMessage(), file.toString()), ExitCodes.DAMAGED);
    }
  }

  private void print(SearchIndex searchIndex, SearchQuery q) {
    PrintWriter out = out();
    boolean highlight = root.terminal && !json;
    long shown = 0;
    String conversation = null;
    boolean more = false;
    if (json) {
      out.print('[');
    }
    try (Stream<SearchHit> hits = searchIndex.search(q)) {
      for (Iterator<SearchHit> it = hits.iterator(); it.hasNext(); ) {
        SearchHit h = it.next();
        if (limit > 0 && shown == limit) {
          more = true;
          break;
        }
        if (json) {
          out.print(shown == 0 ? "\n" : ",\n");
          out.print(json(h));
        } else {
          if (!h.conversationId().equals(conversation)) {
            if (conversation != null) {
              out.println();
            }
            conversation = h.conversationId();
            String title = Texts.oneLine(h.title());
            out.println(
                (title.isEmpty() ? "(untitled)" : title) + (h.deleted() ? "  [deleted]" : ""));
            out.println(conversationLine(h));
          }
          out.println(hitLine(h, highlight));
        }
        shown++;
      }
    }
    if (json) {
      out.print(shown == 0 ? "]\n" : "\n]\n");
    }
    out.flush();
    if (shown == 0) {
      note(
          "No hits"
              + (allBranches
                  ? "."
                  : " on the active branches (--all-branches searches every branch)."));
    } else if (more) {
      note(
          "Showing the first "
              + Texts.plural(shown, "hit", "hits")
              + "; --limit N shows more, --limit 0 all.");
    }
  }

  private String conversationLine(SearchHit h) {
    return Times.minutes(h.conversationTime(), zone()) + "  " + Texts.oneLine(h.conversationId());
  }

  private String hitLine(SearchHit h, boolean highlight) {
    String who = h.role() == null ? "title" : Texts.oneLine(h.role());
    String snippet = highlight ? marked(h) : Texts.printable(h.snippet());
    return "  "
        + String.format("%-9s %-16s ", who, Times.minutes(h.time(), zone()))
        + (h.activeBranch() ? "" : "(other branch) ")
        + snippet;
  }

  /**
   * The snippet for a terminal, matches in bold; the export's text cannot bring escape sequences.
   */
  private static String marked(SearchHit h) {
    StringBuilder out = new StringBuilder();
    String s = h.snippet();
    int at = 0;
    for (SearchHit.Span span : h.highlights()) {
      out.append(Texts.printable(s.substring(at, span.start())));
      out.append(BOLD).append(Texts.printable(s.substring(span.start(), span.end()))).append(RESET);
      at = span.end();
    }
    return out.append(Texts.printable(s.substring(at))).toString();
  }

  private static String json(SearchHit h) {
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeStringField("conversation_id", h.conversationId());
          Json.field(g, "node_id", h.nodeId());
          Json.field(g, "title", h.title());
          Json.field(g, "role", h.role());
          Json.field(g, "model", h.model());
          g.writeStringField("content_type", h.contentType());
          Json.field(g, "create_time", Times.utc(h.time()));
          g.writeBooleanField("active_branch", h.activeBranch());
          g.writeBooleanField("deleted", h.deleted());
          g.writeStringField("snippet", h.snippet());
          g.writeArrayFieldStart("highlights");
          String s = h.snippet();
          for (SearchHit.Span span : h.highlights()) {
            g.writeStartArray();
            g.writeNumber(s.codePointCount(0, span.start()));
            g.writeNumber(s.codePointCount(0, span.end()));
            g.writeEndArray();
          }
          g.writeEndArray();
          g.writeNumberField("rank", h.rank());
          g.writeEndObject();
        });
  }

  private Instant bound(String text, boolean endOfDay, String option) {
    try {
      return Times.bound(text, zone(), endOfDay);
    } catch (IllegalArgumentException e) {
      throw usage(option + ": " + e.getMessage());
    }
  }
}
