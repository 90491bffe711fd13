package io.github.chatexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.testdata.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chatexport archive add|log|export} and the reading commands on an archive, over
 * account-sam.
 */
class ArchiveCommandTest {
  @TempDir Path tmp;
  Path sequence;
  Path archive;

  @BeforeEach
  void copyFixture() throws Exception {
    sequence = Fixtures.get("archive/account-sam/").copyTo(tmp);
    archive = tmp.resolve("chats.sqlite");
  }

  private Cli.Result addAll(String... options) {
    Object[] args = new Object[3 + options.length + 3];
    int i = 0;
    args[i++] = "archive";
    args[i++] = "add";
    for (String o : options) {
      args[i++] = o;
    }
    args[i++] = archive;
    args[i++] = sequence.resolve("2025-01");
    args[i++] = sequence.resolve("2025-02");
    args[i] = sequence.resolve("2025-03");
    return Cli.run(args);
  }

  @Test
  void addPrintsOneReportObjectPerExport() {
    Cli.Result r = addAll("--json");
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
        {"export":"2025-01","new":6,"changed":0,"unchanged":0,"deleted":0,"reappeared":0,"assets_added":1}
        {"export":"2025-02","new":0,"changed":2,"unchanged":2,"deleted":2,"reappeared":0,"assets_added":0}
        {"export":"2025-03","new":0,"changed":0,"unchanged":5,"deleted":0,"reappeared":1,"assets_added":0}
        """);
    Cli.Result again = Cli.run("archive", "add", archive, sequence.resolve("2025-02"));
    assertThat(again.out())
        .isEqualTo("2025-02: already in the archive (export 2); nothing changed\n");
  }

  @Test
  void logListsEachExportWithItsReport() {
    assertThat(addAll().status()).isZero();
    Cli.Result r = Cli.run("archive", "log", "--zone", "UTC", archive);
    assertThat(r.status()).as(r.toString()).isZero();
    String[] lines = r.out().split("\n");
    assertThat(lines).hasSize(4);
    assertThat(lines[0]).isEqualTo("  #  EXPORT DATE       ADDED              CONVS  EXPORT");
    assertThat(lines[1])
        .startsWith("  1  2025-01-04 13:58  ")
        .endsWith(
            "       6  2025-01: 6 new, 0 changed, 0 unchanged, 0 marked deleted, 0 back again, 1 asset added");
    assertThat(lines[2])
        .startsWith("  2  2025-02-04 20:13  ")
        .endsWith(
            "       4  2025-02: 0 new, 2 changed, 2 unchanged, 2 marked deleted, 0 back again, 0 assets added");
    assertThat(lines[3])
        .startsWith("  3  2025-02-04 20:13  ")
        .endsWith(
            "       5  2025-03: 0 new, 0 changed, 5 unchanged, 0 marked deleted, 1 back again, 0 assets added");
    Cli.Result json = Cli.run("archive", "log", "--json", archive);
    assertThat(json.out())
        .startsWith("[\n{\"number\":1,\"export\":\"2025-01\",\"sha256\":\"")
        .contains(
            "\"account_id\":\"user-Sam4fT9kQ2mZx7LbN3vR8w\",\"export_time\":\"2025-01-04T13:58:30.500Z\"")
        .contains(
            "\"partial\":false,\"conversations\":5,\"new\":0,\"changed\":0,\"unchanged\":5,\"deleted\":0,"
                + "\"reappeared\":1,\"assets_added\":0}\n]\n");
  }

  @Test
  void listReadsTheMergedViewWithTheArchivesColumns() {
    assertThat(addAll().status()).isZero();
    Cli.Result r = Cli.run("list", "--json", archive);
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
        [
        {"id":"c0000002-retitled","title":"Naming our grey cat","created":"2025-01-04T12:49:59.500Z","updated":"2025-02-04T20:13:10.250Z","messages":2,"branches":1,"models":["gpt-4o"],"first_seen":"2025-01","last_seen":"2025-03","deleted":false}
        {"id":"c0000001-grows","title":"Boiling eggs","created":"2025-01-04T13:58:19.500Z","updated":"2025-02-04T19:58:30.250Z","messages":4,"branches":1,"models":["gpt-4o"],"first_seen":"2025-01","last_seen":"2025-03","deleted":false}
        {"id":"c0000003-deleted","title":"Landlord letter","created":"2025-01-04T11:59:59.500Z","updated":"2025-01-04T12:00:10.500Z","messages":2,"branches":1,"models":["gpt-4o"],"first_seen":"2025-01","last_seen":"2025-01","deleted":true}
        {"id":"c0000004-comes-back","title":"Hiking list","created":"2025-01-04T10:53:19.500Z","updated":"2025-01-04T10:53:30.500Z","messages":2,"branches":1,"models":["gpt-4o"],"first_seen":"2025-01","last_seen":"2025-03","deleted":false}
        {"id":"c0000005-regenerated","title":"Rain haiku","created":"2025-01-04T08:39:59.500Z","updated":"2025-01-04T08:40:20.500Z","messages":2,"branches":2,"models":["gpt-4o"],"first_seen":"2025-01","last_seen":"2025-03","deleted":false}
        {"id":"c0000006-voice","title":"Capital of Peru","created":"2025-01-04T05:53:19.500Z","updated":"2025-01-04T05:53:30.500Z","messages":2,"branches":1,"models":["gpt-4o"],"first_seen":"2025-01","last_seen":"2025-03","deleted":false}
        ]
        """
                .replace(",\n{", "\n{")
                .replace("}\n{", "},\n{"));
    Cli.Result plain = Cli.run("list", "--json", sequence.resolve("2025-03"));
    assertThat(plain.out()).doesNotContain("first_seen");
  }

  @Test
  void everyReadingCommandAcceptsAnArchive() {
    assertThat(addAll().status()).isZero();
    Cli.Result stats = Cli.run("stats", "--zone", "UTC", archive);
    assertThat(stats.status()).as(stats.toString()).isZero();
    assertThat(stats.out())
        .contains("Conversations  6")
        .contains("Assets         1 referenced: 1 present, 0 missing");
    Cli.Result show = Cli.run("show", archive, "Rain haiku");
    assertThat(show.status()).as(show.toString()).isZero();
    assertThat(show.out()).contains("Rain on the window, the kettle sings");
    Cli.Result jsonl = Cli.run("jsonl", archive);
    assertThat(jsonl.status()).as(jsonl.toString()).isZero();
    assertThat(jsonl.out().lines()).hasSize(6);
    Cli.Result markdown = Cli.run("markdown", archive, tmp.resolve("notes"));
    assertThat(markdown.status()).as(markdown.toString()).isZero();
    Cli.Result verify = Cli.run("verify", archive);
    assertThat(verify.status()).as(verify.toString()).isIn(ExitCodes.OK, ExitCodes.WARNINGS);
  }

  @Test
  void exportWritesTheMergedViewOrOneExportAsItWas() throws Exception {
    assertThat(addAll().status()).isZero();
    Path merged = tmp.resolve("merged.zip");
    Cli.Result r = Cli.run("archive", "export", archive, merged);
    assertThat(r.status()).as(r.toString()).isZero();
    Cli.Result list = Cli.run("list", "--json", merged);
    assertThat(list.out().lines().filter(l -> l.startsWith("{"))).hasSize(6);
    Path first = tmp.resolve("first");
    Cli.Result asOf = Cli.run("archive", "export", "--as-of", "2025-01", archive, first);
    assertThat(asOf.status()).as(asOf.toString()).isZero();
    assertThat(Files.readAllBytes(first.resolve("user.json")))
        .isEqualTo(Files.readAllBytes(sequence.resolve("2025-01/user.json")));
    assertThat(Cli.run("list", "--json", first).out())
        .isEqualTo(Cli.run("list", "--json", sequence.resolve("2025-01")).out());
    Cli.Result unknown = Cli.run("archive", "export", "--as-of", "9", archive, tmp.resolve("x"));
    assertThat(unknown.status()).isEqualTo(ExitCodes.NOT_FOUND);
    Cli.Result inTheWay = Cli.run("archive", "export", archive, first);
    assertThat(inTheWay.status()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void refusedExportsEndWithAClearErrorAndPartialKeepsThem() {
    assertThat(Cli.run("archive", "add", archive, sequence.resolve("2025-01")).status()).isZero();
    Cli.Result other = Cli.run("archive", "add", archive, sequence.resolve("other-account"));
    assertThat(other.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(other.err()).contains("another account");
    Cli.Result truncated =
        Cli.run("archive", "add", archive, sequence.resolve("2025-04-truncated"));
    assertThat(truncated.status()).isEqualTo(ExitCodes.DAMAGED);
    Cli.Result partial =
        Cli.run("archive", "add", "--partial", archive, sequence.resolve("2025-04-truncated"));
    assertThat(partial.status()).as(partial.toString()).isZero();
    assertThat(partial.out())
        .isEqualTo(
            "2025-04-truncated: 0 new, 1 changed, 0 unchanged, 0 marked deleted,"
                + " 0 back again, 0 assets added (partial: marks nothing deleted)\n");
  }
}
