package io.github.chatexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.testdata.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chatexport html ARCHIVE OUT-DIR}: the merged view, with what the archive knows of each
 * conversation.
 */
class HtmlArchiveTest {
  @TempDir Path tmp;

  @Test
  void theSiteOfAnArchiveMarksTheDeletedConversationAndShowsWhenEachWasSeen() throws Exception {
    Path sequence = Fixtures.get("archive/account-sam/").copyTo(tmp);
    Path archive = tmp.resolve("chats.sqlite");
    Cli.Result added =
        Cli.run(
            "archive",
            "add",
            "-q",
            archive,
            sequence.resolve("2025-01"),
            sequence.resolve("2025-02"),
            sequence.resolve("2025-03"));
    assertThat(added.status()).as(added.toString()).isZero();

    Path site = tmp.resolve("site");
    Cli.Result r = Cli.run("html", "-q", "--zone", "UTC", archive, site);
    assertThat(r.status()).as(r.toString()).isZero();
    String index = Files.readString(site.resolve("index.html"));
    List<String> rows = index.lines().filter(l -> l.startsWith("<li class=\"row")).toList();
    assertThat(rows).hasSize(6);
    // Landlord letter: only 2025-01 had it; the later exports lack it, so it is marked and can be
    // filtered.
    assertThat(rows.stream().filter(l -> l.contains(" deleted\"")).toList())
        .singleElement()
        .asString()
        .contains(">Landlord letter</a> <span class=\"badge\">deleted</span>");
    assertThat(index).contains("<select id=\"deleted\"");
    // Its page says since when it is gone: first and last seen are the dates of the exports that
    // had it.
    Path pages = site.resolve("conversations");
    try (var files = Files.list(pages)) {
      String landlord =
          files
              .filter(p -> p.getFileName().toString().contains("Landlord letter"))
              .findFirst()
              .map(
                  p -> {
                    try {
                      return Files.readString(p);
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .orElseThrow();
      assertThat(landlord)
          .contains("first seen 2025-01-04 13:58")
          .contains("last seen 2025-01-04 13:58");
    }
  }
}
