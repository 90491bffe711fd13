package io.github.chatexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.testdata.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShowCommandTest {
  @TempDir Path tmp;
  Path sample;

  @BeforeEach
  void copySample() throws Exception {
    sample = Cli.sample(tmp);
  }

  @Test
  void showsTheActiveBranchWithRolesModelsTimesAndFiles() {
    Cli.Result r = Cli.run("show", "--zone", "UTC", sample, "Weekend in Lisbon");
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out())
        .startsWith(
            """
        Weekend in Lisbon
        id 664de4e0-3c1a-4b7e-9f2d-8a1b2c3d4e5f, created 2024-05-10 09:11, updated 2024-05-10 09:14 (UTC), \
        2 branches (showing the active one; --all-branches shows each)

        [user] 2024-05-10 09:12:00
        I have a free weekend in Lisbon in June and attached the tram map. Can you plan two relaxed days?
        [file: tram-map.pdf (application/pdf, 142 B)]

        [assistant, gpt-4o] 2024-05-10 09:13:22
        Here is a relaxed plan that follows the tram lines on your map.
        """)
        .contains("[user] 2024-05-10 09:14:20\nShorter, please: three bullet points per day.\n")
        .doesNotContain("Saturday:**") // the first, regenerated answer is on the other branch
        .doesNotContain("[system");
  }

  @Test
  void findsByIdIdPrefixExactTitleOrPartOfTheTitle() {
    String id = "6787906c-5b2a-8004-9c1e-2d3f4a5b6c7d";
    for (String query : new String[] {id, "6787906c", "what lighthouse is this?", "LIGHTHOUSE"}) {
      Cli.Result r = Cli.run("show", sample, query);
      assertThat(r.status()).as(query).isZero();
      assertThat(r.out()).as(query).startsWith("What lighthouse is this?\nid " + id);
    }
  }

  @Test
  void namesImagesAndDoesNotRepeatAnUploadThatIsAlsoAnAttachment() {
    Cli.Result r = Cli.run("show", sample, "lighthouse");
    assertThat(r.out())
        .contains("[image: lighthouse.png (image/png)]\nI took this photo")
        .doesNotContain("[file:");
  }

  @Test
  void numbersCitationsAndListsTheirSources() {
    Cli.Result r = Cli.run("show", sample, "rijksmuseum");
    assertThat(r.out())
        .contains(
            "from 9:00 to 17:00 [1]. Tickets are sold online only, so book a time slot"
                + " before you go [1].")
        .endsWith(
            "Sources:\n  [1] Plan your visit – Rijksmuseum <https://www.rijksmuseum.example/en/visit>\n")
        .doesNotContain("\uE200")
        .doesNotContain("Thought");
  }

  @Test
  void hiddenAddsSystemToolAndReasoningMessages() {
    Cli.Result r = Cli.run("show", "--hidden", sample, "6847f7c1");
    assertThat(r.status()).isZero();
    assertThat(r.out())
        .contains(
            "[system, hidden]",
            "[assistant, o3, hidden]",
            "Thought: Checking current opening",
            "[assistant -> web.run, o3, hidden]",
            "[tool web.run, hidden]",
            "(Thought for 7s)");
    Cli.Result code = Cli.run("show", "--hidden", sample, "grocery");
    assertThat(code.out())
        .contains(
            "[assistant -> python, gpt-4o, hidden]",
            "```python\nimport matplotlib",
            "[tool python]",
            "Output:\n```\nAverage: 412.78 EUR",
            "[image: chart.png (image/png)]");
    assertThat(Cli.run("show", sample, "grocery").out())
        .doesNotContain("import matplotlib")
        .contains("[image: chart.png (image/png)]");
  }

  @Test
  void allBranchesShowsEachBranchAndMarksTheActiveOne() {
    Cli.Result r = Cli.run("show", "--all-branches", sample, "lisbon");
    assertThat(r.status()).isZero();
    assertThat(r.out())
        .contains(
            "=== branch 1 of 2 ===",
            "=== branch 2 of 2 (active) ===",
            "**Saturday:** Alfama in the morning",
            "Shorter, please");
    assertThat(r.out().indexOf("=== branch 1")).isLessThan(r.out().indexOf("**Saturday:** Alfama"));
  }

  @Test
  void noMatchOrSeveralExitWithThree() {
    Cli.Result none = Cli.run("show", sample, "no such title");
    assertThat(none.status()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(none.err()).startsWith("chatexport: no conversation matches 'no such title'");
    assertThat(none.out()).isEmpty();

    Cli.Result several = Cli.run("show", sample, "e");
    assertThat(several.status()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(several.err())
        .startsWith("chatexport: 5 conversations match 'e'; give one of these ids:")
        .contains("  664de4e0-3c1a-4b7e-9f2d-8a1b2c3d4e5f  Weekend in Lisbon");
  }

  @Test
  void showsCitationsOfThe2023FormAsNumbers() throws Exception {
    Path file = Fixtures.get("conversations/content-types.json").copyTo(tmp);
    Cli.Result r = Cli.run("show", file, "courier");
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("quartiles directly [1].")
        .contains("[1] Box plots for skewed data <https://stats.example.org/box-plots>");
  }
}
