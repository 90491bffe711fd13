package io.github.chatexport.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.MessageNode;
import io.github.chatexport.core.ExportReader;
import io.github.chatexport.core.ExportWriter;
import io.github.chatexport.testdata.generator.ExportGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated monthly exports of a growing account (conversations added, retitled, grown by a
 * message, left out): whatever the order of adding, the archive's merged view and facts are the
 * same, and the merged view holds every message any month had.
 */
class GrowingAccountTest {
  private static final int MONTHS = 5;

  @TempDir Path dir;

  @Test
  void everyOrderOfAddingGivesTheSameArchive() throws IOException {
    Path base = dir.resolve("base.json");
    ExportGenerator.builder().seed(5).targetBytes(150_000).build().writeConversationsJson(base);
    List<Path> months = new ArrayList<>();
    for (int k = 1; k <= MONTHS; k++) {
      months.add(month(base, k));
    }
    String inOrder = merged(months, List.of(0, 1, 2, 3, 4));
    assertThat(merged(months, List.of(4, 3, 2, 1, 0))).isEqualTo(inOrder);
    assertThat(merged(months, List.of(2, 4, 0, 3, 1))).isEqualTo(inOrder);
    assertThat(inOrder)
        .contains("(rev 5)")
        .contains("extra-5-")
        .contains("deleted 5")
        .contains("regenerated-0");
  }

  private String merged(List<Path> months, List<Integer> order) throws IOException {
    Path file = dir.resolve("archive-" + order + ".sqlite");
    StringBuilder out = new StringBuilder();
    try (ChatArchive archive = ChatArchive.open(file)) {
      for (int k : order) {
        archive.add(months.get(k));
      }
      try (Stream<Conversation> all = archive.conversations()) {
        for (Conversation c : (Iterable<Conversation>) all::iterator) {
          ConversationFacts f = archive.facts(c.id()).orElseThrow();
          out.append(c.id())
              .append(" first ")
              .append(f.firstSeen().fileName())
              .append(" last ")
              .append(f.lastSeen().fileName())
              .append(f.deleted() ? " deleted " + f.deletedSince().fileName() : "")
              .append(' ')
              .append(c.title())
              .append(' ')
              .append(String.join(",", c.nodes().keySet()))
              .append('\n')
              .append(ExportWriter.toJson(c))
              .append('\n');
        }
      }
    }
    return out.toString().replace("month-", "");
  }

  /** Month k: the first k/MONTHS of the conversations, each changed as months 2 to k changed it. */
  private Path month(Path base, int k) throws IOException {
    Path file = dir.resolve("month-" + k + ".json");
    int n;
    try (ExportReader r = ExportReader.open(base)) {
      n = (int) r.conversations().count();
    }
    assertThat(n).as("conversations generated").isGreaterThanOrEqualTo(8);
    try (ExportReader r = ExportReader.open(base);
        ExportWriter w = ExportWriter.open(file)) {
      int i = 0;
      for (Conversation c : r) {
        if (i >= (long) k * n / MONTHS + 1) {
          break;
        }
        if (!(i % 7 == 3 && k % 2 == 0) && !(i == 1 && k == MONTHS)) {
          Conversation out = c;
          for (int j = 2; j <= k; j++) {
            if ((i + j) % 3 == 0) {
              out = out.withTitle(c.title() + " (rev " + j + ")");
            }
            if (i == 0 && j == 3) {
              out = extra(out, "regenerated-0");
            }
            if (i == 0 && j == 4) {
              out =
                  without(out, "regenerated-0"); // an answer regenerated away: only month 3 has it
            }
            if ((i * j) % 4 == 1) {
              out = extra(out, "extra-" + j + "-" + i);
            }
            if ((i + j) % 3 == 0 || (i * j) % 4 == 1 || (i == 0 && (j == 3 || j == 4))) {
              out =
                  out.withTimes(
                      c.createTime(),
                      java.time.Instant.parse("2030-01-01T00:00:00Z")
                          .plus(Duration.ofDays(30L * j)));
            }
          }
          w.write(out);
        }
        i++;
      }
    }
    return file;
  }

  private static Conversation without(Conversation c, String id) {
    MessageNode gone = c.nodes().get(id);
    if (gone == null) {
      return c;
    }
    Map<String, MessageNode> nodes = new LinkedHashMap<>(c.nodes());
    nodes.remove(id);
    MessageNode parent = gone.parentId() == null ? null : nodes.get(gone.parentId());
    if (parent != null) {
      List<String> children = new ArrayList<>(parent.childIds());
      children.remove(id);
      nodes.put(parent.id(), parent.withChildIds(children));
    }
    Conversation out = c.withNodes(nodes);
    return id.equals(c.currentNode()) && parent != null ? out.withCurrentNode(parent.id()) : out;
  }

  private static Conversation extra(Conversation c, String id) {
    return Grown.afterLeaf(c, id, last -> last);
  }
}
