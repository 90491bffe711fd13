package io.github.chatexport.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.testdata.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Search over the archive of the hand-written sequence {@code archive/account-sam/}: every add
 * keeps the index the merged view's, so that a branch only an older export had, a deleted
 * conversation and one that came back are found as they are in the merged view, whichever order the
 * exports were added in.
 */
class ArchiveSearchTest {
  @TempDir Path dir;
  Path sequence;

  @BeforeEach
  void copyFixture() throws IOException {
    sequence = Fixtures.get("archive/account-sam/").copyTo(dir);
  }

  @Test
  void theIndexFollowsEveryAddInBothOrders() throws IOException {
    for (List<String> order :
        List.of(
            List.of("2025-01", "2025-02", "2025-03"), List.of("2025-03", "2025-02", "2025-01"))) {
      try (ChatArchive archive =
          ChatArchive.open(dir.resolve(String.join("-", order) + ".sqlite"))) {
        for (String name : order) {
          archive.add(sequence.resolve(name));
        }
        // The regenerated answer only 2025-01 had is still found, off the active branch; the new
        // title is.
        assertThat(hits(archive, SearchQuery.parse("grey")))
            .as(order.toString())
            .isEqualTo(
                """
            c0000002-retitled r-a1 assistant active
            c0000002-retitled r-u1 user active
            c0000002-retitled title active
            c0000005-regenerated n-a1 assistant inactive""");
        // Gone from the account since 2025-02, kept and marked; 2025-03 brought the hike back.
        assertThat(hits(archive, SearchQuery.parse("landlord OR boiler OR hike")))
            .isEqualTo(
                """
            c0000003-deleted d-a1 assistant active deleted
            c0000003-deleted d-u1 user active deleted
            c0000003-deleted title active deleted
            c0000004-comes-back b-u1 user active""");
        assertThat(
                hits(
                    archive, SearchQuery.parse("landlord OR boiler OR hike").withDeletedOnly(true)))
            .isEqualTo(
                """
                c0000003-deleted d-a1 assistant active deleted
                c0000003-deleted d-u1 user active deleted
                c0000003-deleted title active deleted""");
        // A voice transcript is text too.
        assertThat(hits(archive, SearchQuery.parse("Peru").withActiveBranchOnly(true)))
            .isEqualTo(
                """
            c0000006-voice title active
            c0000006-voice v-u1 user active""");
      }
    }
  }

  @Test
  void aDeletionMarkReachesTheIndexWhenItIsSetAndWhenItEnds() throws IOException {
    try (ChatArchive archive = ChatArchive.open(dir.resolve("a.sqlite"))) {
      SearchQuery hike = SearchQuery.parse("hike").withDeletedOnly(true);
      archive.add(sequence.resolve("2025-01"));
      assertThat(hits(archive, hike)).isEmpty();
      archive.add(sequence.resolve("2025-02"));
      assertThat(hits(archive, hike)).isEqualTo("c0000004-comes-back b-u1 user active deleted");
      archive.add(sequence.resolve("2025-03"));
      assertThat(hits(archive, hike)).isEmpty();
    }
  }

  private static String hits(ChatArchive archive, SearchQuery query) {
    try (Stream<SearchHit> all = archive.search(query)) {
      return all.map(
              h ->
                  h.conversationId()
                      + " "
                      + (h.nodeId() == null ? "title" : h.nodeId() + " " + h.role())
                      + (h.activeBranch() ? " active" : " inactive")
                      + (h.deleted() ? " deleted" : ""))
          .sorted()
          .collect(Collectors.joining("\n"));
    }
  }
}
