package io.github.chatexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.core.ExportReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlCommandTest {
  @TempDir Path tmp;
  Path sample;

  @BeforeEach
  void copySample() throws Exception {
    sample = Cli.sample(tmp);
  }

  @Test
  void writesTheActiveBranchInTheChatShape() throws Exception {
    Cli.Result r = Cli.run("jsonl", sample);
    assertThat(r.status()).as(r.toString()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(5);
    for (String line : lines) {
      assertThat(tokens(line))
          .as(line)
          .startsWith("START_OBJECT", "FIELD_NAME messages", "START_ARRAY");
    }
    assertThat(lines.get(0))
        .isEqualTo(
            "{\"messages\":[{\"role\":\"user\",\"content\":\"Is the Rijksmuseum open on"
                + " Mondays, and until when?\"},{\"role\":\"assistant\",\"content\":\"Yes. The Rijksmuseum is open every"
                + " day, Mondays included, from 9:00 to 17:00. Tickets are sold online only, so book a time slot before"
                + " you go.\"}]}");
    // The code interpreter's call and output are tool noise; the regenerated answer is on another
    // branch.
    assertThat(lines.get(3))
        .doesNotContain("matplotlib", "Average: 412.78 EUR\\n")
        .contains("412.78 EUR");
    assertThat(lines.get(4))
        .contains("Shorter, please")
        .doesNotContain("Saturday:**")
        .contains(
            "{\"role\":\"user\",\"content\":\"Shorter, please: three bullet points per day.\"}");
    assertThat(r.out())
        .doesNotContain("\"system\"", "\"tool\"", "\\ue200", "\uE200", "Checking current");
    assertThat(r.err()).isEqualTo("5 lines written.\n");
  }

  @Test
  void fullWritesTheExportsOwnJsonThatReadsBack() throws Exception {
    Path out = tmp.resolve("all.jsonl");
    Cli.Result r = Cli.run("jsonl", "--full", "--quiet", "-o", out, sample);
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEmpty();
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(lines)
        .hasSize(5)
        .allSatisfy(line -> assertThat(line).startsWith("{\"title\":").endsWith("}"));
    Path array =
        Files.writeString(tmp.resolve("array.json"), "[" + String.join(",\n", lines) + "]");
    try (ExportReader original = ExportReader.open(sample);
        ExportReader copy = ExportReader.open(array);
        Stream<Conversation> a = original.conversations();
        Stream<Conversation> b = copy.conversations()) {
      List<Conversation> before = a.toList();
      List<Conversation> after = b.toList();
      assertThat(after).hasSameSizeAs(before);
      for (int i = 0; i < before.size(); i++) {
        assertThat(after.get(i).id()).isEqualTo(before.get(i).id());
        assertThat(after.get(i).nodes()).isEqualTo(before.get(i).nodes());
        assertThat(after.get(i).activeBranch().nodeIds())
            .isEqualTo(before.get(i).activeBranch().nodeIds());
      }
    }
    assertThat(Cli.run("jsonl", "--full", sample).out()).isEqualTo(String.join("\n", lines) + "\n");
  }

  private static List<String> tokens(String json) throws Exception {
    List<String> out = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(json)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        out.add(t == JsonToken.FIELD_NAME ? "FIELD_NAME " + p.currentName() : t.name());
      }
    }
    return out;
  }
}
