package io.github.chatexport.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parsing queries: the bad ones of {@code search/bad-queries.txt}, limits, and the filters' copies.
 */
final class SearchQueryTest {
  @Test
  void rejectsEveryBadQueryWithItsMessage() throws Exception {
    String expected = SearchFixtureTest.text("bad-queries.txt");
    List<String> actual = new ArrayList<>();
    for (String line : expected.strip().split("\n", -1)) {
      if (line.startsWith("⟦")) {
        String query = line.substring(1, line.indexOf('⟧'));
        String message;
        try {
          SearchQuery.parse(query);
          message = "(accepted)";
        } catch (SearchQueryException e) {
          message = e.getMessage();
        }
        actual.add("⟦" + query + "⟧ " + message);
      } else {
        actual.add(line);
      }
    }
    assertThat(String.join("\n", actual)).isEqualTo(expected.strip());
  }

  @Test
  void boundsTheLengthAndTheNumberOfTerms() {
    assertThatThrownBy(() -> SearchQuery.parse("a".repeat(2_001)))
        .isInstanceOf(SearchQueryException.class)
        .hasMessage("the query is too long: 2001 characters (at most 2000)");
    assertThatThrownBy(() -> SearchQuery.parse("w ".repeat(65)))
        .isInstanceOf(SearchQueryException.class)
        .hasMessage("too many terms: at most 64");
    assertThat(SearchQuery.parse("w ".repeat(64)).text()).hasSize(128);
  }

  @Test
  void filtersAreCopiesThatKeepTheRest() {
    SearchQuery base = SearchQuery.parse("lisbon");
    SearchQuery q =
        base.withRole("Assistant")
            .withModel("o3")
            .withSince(Instant.EPOCH)
            .withUntil(Instant.parse("2025-01-01T00:00:00Z"))
            .withContentType("code")
            .withActiveBranchOnly(true)
            .withDeletedOnly(true)
            .withLimit(5);
    assertThat(base).hasToString("SearchQuery[6 chars]");
    assertThat(q)
        .hasToString(
            "SearchQuery[6 chars, role assistant, model o3, since 1970-01-01T00:00:00Z,"
                + " until 2025-01-01T00:00:00Z, type code, active branch only, deleted only, limit 5]");
    assertThat(
            q.withRole(null)
                .withModel(null)
                .withSince(null)
                .withUntil(null)
                .withContentType(null)
                .withActiveBranchOnly(false)
                .withDeletedOnly(false)
                .withLimit(0))
        .isEqualTo(base);
    assertThatThrownBy(() -> base.withLimit(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
