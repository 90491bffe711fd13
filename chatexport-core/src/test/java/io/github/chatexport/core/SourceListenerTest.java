package io.github.chatexport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chatexport.api.Conversation;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ExportReader#conversations(ProgressListener, SourceListener)}: the bytes, exactly. */
class SourceListenerTest {
  @TempDir Path dir;

  /** A conversation's JSON object, written by hand with spacing, escapes and non-ASCII text. */
  private static String conversation(String id, String text) {
    return "{ \"id\" : \""
        + id
        + "\",\n    \"title\":\"t\\u00e9 "
        + text
        + "\", \"create_time\": 1700000000.5,\n    \"current_node\": \"n\", \"mapping\": {\"n\": {\"id\": \"n\","
        + " \"parent\": null, \"children\": [], \"message\": {\"id\": \"n\", \"author\": {\"role\":"
        + " \"user\"}, \"content\": {\"content_type\": \"text\", \"parts\": [\""
        + text
        + " 東京 📌 \\\"q\\\" }]{\"]}}}}, \"extra\": [1, {\"a\": []}] }";
  }

  private static String sha(String json) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
  }

  /** What one pass told, as "file id sha", and the ids it delivered. */
  private static List<String> told(ExportReader reader, List<String> delivered) {
    List<String> out = new ArrayList<>();
    try (Stream<Conversation> all =
        reader.conversations(
            null,
            (c, file, sha256) ->
                out.add(file + " " + c.id() + " " + HexFormat.of().formatHex(sha256)))) {
      all.forEach(c -> delivered.add(c.id()));
    }
    return out;
  }

  @Test
  void tellsTheHashOfEachObjectsBytes() throws Exception {
    String a = conversation("a", "first");
    String b = conversation("b", "second");
    String c = conversation("c", "third");
    Path file = dir.resolve("conversations.json");
    // a byte order mark, spacing between the elements, and an element that is not an object
    Files.write(
        file,
        ("\uFEFF[\n  " + a + " ,\n  42,\n" + b + "," + c + "\n]\n")
            .getBytes(StandardCharsets.UTF_8));
    for (int parallelism : new int[] {1, 2}) {
      List<String> delivered = new ArrayList<>();
      try (ExportReader reader = ExportReader.builder().parallelism(parallelism).open(file)) {
        assertThat(told(reader, delivered))
            .containsExactly(
                "conversations.json a " + sha(a),
                "conversations.json b " + sha(b),
                "conversations.json c " + sha(c));
      }
      assertThat(delivered).containsExactly("a", "b", "c");
    }
  }

  @Test
  void namesTheShardOfAZip() throws Exception {
    String a = conversation("a", "one");
    String b = conversation("b", "two");
    Path zip = dir.resolve("export.zip");
    try (OutputStream o = Files.newOutputStream(zip);
        ZipOutputStream z = new ZipOutputStream(o)) {
      z.putNextEntry(new ZipEntry("conversations-000.json"));
      z.write(("[" + a + "]").getBytes(StandardCharsets.UTF_8));
      z.putNextEntry(new ZipEntry("conversations-001.json"));
      z.write(("[" + b + "]").getBytes(StandardCharsets.UTF_8));
      z.putNextEntry(new ZipEntry("user.json"));
      z.write("{\"id\": \"user-1\"}".getBytes(StandardCharsets.UTF_8));
    }
    List<String> delivered = new ArrayList<>();
    try (ExportReader reader = ExportReader.open(zip)) {
      assertThat(told(reader, delivered))
          .containsExactly(
              "conversations-000.json a " + sha(a), "conversations-001.json b " + sha(b));
    }
    assertThat(delivered).containsExactly("a", "b");
  }

  @Test
  void tellsNothingOfACopyItWarnedOfNorOfALoneObject() throws Exception {
    String a = conversation("a", "one");
    String again = conversation("a", "two");
    Path file = dir.resolve("conversations.json");
    Files.writeString(file, "[" + a + "," + again + "]");
    List<String> delivered = new ArrayList<>();
    try (ExportReader reader = ExportReader.open(file)) {
      assertThat(told(reader, delivered)).containsExactly("conversations.json a " + sha(a));
    }
    assertThat(delivered).containsExactly("a", "a"); // the second one with its duplicate warning

    Path lone = dir.resolve("one.json");
    Files.writeString(lone, a);
    delivered.clear();
    try (ExportReader reader = ExportReader.open(lone)) {
      assertThat(told(reader, delivered)).isEmpty();
    }
    assertThat(delivered).containsExactly("a");
  }

  @Test
  void tellsEveryConversationBeforeTheDamage() throws Exception {
    String a = conversation("a", "one");
    String b = conversation("b", "two");
    Path file = dir.resolve("conversations.json");
    String whole = "[" + a + "," + b + "," + conversation("c", "three") + "]";
    Files.writeString(file, whole.substring(0, whole.length() - 40));
    List<String> told = new ArrayList<>();
    List<String> delivered = new ArrayList<>();
    try (ExportReader reader = ExportReader.open(file)) {
      assertThatThrownBy(
              () -> {
                try (Stream<Conversation> all =
                    reader.conversations(
                        null,
                        (c, f, sha256) ->
                            told.add(c.id() + " " + HexFormat.of().formatHex(sha256)))) {
                  all.forEach(c -> delivered.add(c.id()));
                }
              })
          .isInstanceOf(ChatExportException.class);
    }
    assertThat(told).containsExactly("a " + sha(a), "b " + sha(b));
    assertThat(delivered).containsExactly("a", "b");
  }

  @Test
  void aPassWithoutItReadsAsBefore() throws IOException {
    Path file = dir.resolve("conversations.json");
    Files.writeString(file, "[" + conversation("a", "one") + "]");
    try (ExportReader reader = ExportReader.open(file);
        Stream<Conversation> plain = reader.conversations();
        Stream<Conversation> told = reader.conversations(null, (c, f, s) -> {})) {
      assertThat(told.toList()).isEqualTo(plain.toList());
    }
  }
}
