package io.github.chatexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.testdata.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chatexport search ARCHIVE QUERY}: the index that every {@code archive add} keeps in the
 * archive.
 */
class SearchArchiveTest {
  @TempDir Path tmp;

  @Test
  void searchFindsWhatOnlyTheArchiveStillHas() throws Exception {
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

    // Deleted from the account since 2025-02: found among the deleted conversations.
    Cli.Result deleted = Cli.run("search", "--json", "--deleted", archive, "boiler");
    assertThat(deleted.status()).as(deleted.toString()).isZero();
    assertThat(deleted.out().lines().filter(l -> l.startsWith("{")).toList())
        .singleElement()
        .asString()
        .startsWith(
            "{\"conversation_id\":\"c0000003-deleted\",\"node_id\":\"d-a1\",\"title\":\"Landlord letter\","
                + "\"role\":\"assistant\",")
        .contains("\"deleted\":true");
    // The answer that was regenerated away, which only 2025-01 had: off the active branch.
    Cli.Result regenerated = Cli.run("search", "--json", "--all-branches", archive, "roofs");
    assertThat(regenerated.status()).as(regenerated.toString()).isZero();
    assertThat(regenerated.out().lines().filter(l -> l.startsWith("{")).toList())
        .singleElement()
        .asString()
        .startsWith("{\"conversation_id\":\"c0000005-regenerated\",\"node_id\":\"n-a1\",")
        .contains("\"active_branch\":false,");
  }
}
