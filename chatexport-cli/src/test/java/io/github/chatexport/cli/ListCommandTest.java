package io.github.chatexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListCommandTest {
  @TempDir Path tmp;
  Path sample;

  @BeforeEach
  void copySample() throws Exception {
    sample = Cli.sample(tmp);
  }

  @Test
  void listsEveryConversationInTheExportsOrder() {
    Cli.Result r = Cli.run("list", "--zone", "UTC", sample);
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
        ID                                    CREATED           UPDATED            MSGS  TITLE
        6847f7c1-2d3e-800f-a1b2-c3d4e5f6a7b8  2025-06-10 10:06  2025-06-10 10:07      2  Rijksmuseum opening hours
        67a0a5b4-7c8d-800e-9f1a-2b3c4d5e6f70  2025-02-03 11:14  2025-02-03 11:15      2  Regex for ISO dates
        6787906c-5b2a-8004-9c1e-2d3f4a5b6c7d  2025-01-15 10:39  2025-01-15 10:40      2  What lighthouse is this?
        6704f2b8-1a2b-4c3d-8e4f-5a6b7c8d9e0f  2024-10-08 09:41  2024-10-08 09:42      3  Monthly grocery chart
        664de4e0-3c1a-4b7e-9f2d-8a1b2c3d4e5f  2024-05-10 09:11  2024-05-10 09:14      4  Weekend in Lisbon
        """);
  }

  @Test
  void filtersBySinceUntilTitleAndModel() {
    assertThat(ids("--since", "2025-01-01")).containsExactly("6847f7c1", "67a0a5b4", "6787906c");
    assertThat(ids("--until", "2024-10-08")).containsExactly("6704f2b8", "664de4e0");
    assertThat(ids("--until", "2024-10-07")).containsExactly("664de4e0");
    assertThat(ids("--since", "2025-02-03T11:15:05Z")).containsExactly("6847f7c1", "67a0a5b4");
    assertThat(ids("--since", "2025-02-03T11:16")).containsExactly("6847f7c1");
    assertThat(ids("--title", "LIGHT")).containsExactly("6787906c");
    assertThat(ids("--model", "o3")).containsExactly("6847f7c1");
    assertThat(ids("--model", "GPT-4O")).containsExactly("6787906c", "6704f2b8", "664de4e0");
    assertThat(ids("--model", "gpt-4o", "--since", "2025-01-01")).containsExactly("6787906c");
    assertThat(ids("--title", "nothing like it")).isEmpty();
  }

  @Test
  void saysHowManyMatchedOnStderr() {
    Cli.Result r = Cli.run("list", "--model", "o3", sample);
    assertThat(r.err()).isEqualTo("1 of 5 conversations match.\n");
    assertThat(Cli.run("list", "--quiet", "--model", "o3", sample).err()).isEmpty();
  }

  @Test
  void aBadTimeIsAUsageError() {
    Cli.Result r = Cli.run("list", "--since", "yesterday", sample);
    assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--since: not a date or time: 'yesterday'");
  }

  @Test
  void jsonIsAnArrayOfOneObjectPerLineInUtc() throws Exception {
    Cli.Result r = Cli.run("list", "--json", "--zone", "Asia/Tokyo", sample);
    assertThat(r.status()).isZero();
    assertThat(r.out().lines()).hasSize(7).first().isEqualTo("[");
    assertThat(r.out().lines())
        .element(5)
        .isEqualTo(
            "{\"id\":\"664de4e0-3c1a-4b7e-9f2d-8a1b2c3d4e5f\","
                + "\"title\":\"Weekend in Lisbon\",\"created\":\"2024-05-10T09:11:58.902Z\","
                + "\"updated\":\"2024-05-10T09:14:28.402Z\",\"messages\":4,\"branches\":2,\"models\":[\"gpt-4o\"]}");
    try (JsonParser p = new JsonFactory().createParser(r.out())) {
      int objects = 0;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.START_OBJECT) {
          objects++;
        }
      }
      assertThat(objects).isEqualTo(5);
    }
    assertThat(Cli.run("list", "--json", "--title", "none", sample).out()).isEqualTo("[]\n");
  }

  private java.util.List<String> ids(String... options) {
    Object[] args = new Object[options.length + 4];
    args[0] = "list";
    args[1] = "--zone";
    args[2] = "UTC";
    System.arraycopy(options, 0, args, 3, options.length);
    args[args.length - 1] = sample;
    Cli.Result r = Cli.run(args);
    assertThat(r.status()).as(r.toString()).isZero();
    return r.out().lines().skip(1).map(line -> line.substring(0, 8)).toList();
  }
}
