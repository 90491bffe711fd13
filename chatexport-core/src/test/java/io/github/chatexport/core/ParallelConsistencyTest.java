package io.github.chatexport.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Warning;
import io.github.chatexport.testdata.Fixtures;
import io.github.chatexport.testdata.generator.Era;
import io.github.chatexport.testdata.generator.ExportGenerator;
import io.github.chatexport.testdata.generator.Layout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A parallel pass gives exactly what a serial pass gives: the same records, warnings and locations.
 */
class ParallelConsistencyTest {
  @TempDir Path tmp;

  private static List<Conversation> read(ExportReader.Builder builder, Path path)
      throws IOException {
    try (ExportReader export = builder.open(path);
        Stream<Conversation> all = export.conversations()) {
      return all.toList();
    }
  }

  private static void assertSame(Path path) throws IOException {
    List<Conversation> serial = read(ExportReader.builder(), path);
    for (int threads : new int[] {2, 3}) {
      List<Conversation> parallel = read(ExportReader.builder().parallelism(threads), path);
      assertThat(parallel).hasSameSizeAs(serial);
      for (int i = 0; i < serial.size(); i++) {
        assertThat(parallel.get(i)).as("conversation %d", i).isEqualTo(serial.get(i));
        assertThat(parallel.get(i).warnings())
            .as("warnings of conversation %d", i)
            .isEqualTo(serial.get(i).warnings());
      }
    }
  }

  /**
   * Regression (fuzz finding chatHtml/export-warning-order-against-asset-lookup): an export warning
   * met between two conversations is noted when the pass gets there, not when a parallel pass has
   * parsed it ahead, so that a caller asking for the export's warnings between conversations sees
   * the same in both.
   */
  @Test
  void notesExportWarningsWhereThePassMeetsThem() throws IOException {
    Path file = tmp.resolve("conversations.json");
    Files.writeString(
        file,
        "["
            + ExportReaderTest.conversation("c1", "First")
            + ", \"a string\", "
            + ExportReaderTest.conversation("c2", "Second")
            + ", 7]");
    for (ExportReader.Builder builder :
        List.of(ExportReader.builder(), ExportReader.builder().parallelism(2))) {
      try (ExportReader export = builder.open(file)) {
        Iterator<Conversation> it = export.iterator();
        assertThat(it.next().id()).isEqualTo("c1");
        assertThat(export.warnings()).isEmpty();
        assertThat(it.next().id()).isEqualTo("c2");
        assertThat(export.warnings())
            .extracting(w -> w.location().jsonPath())
            .containsExactly("$[1]");
        assertThat(it.hasNext()).isFalse();
        assertThat(export.warnings())
            .extracting(w -> w.location().jsonPath())
            .containsExactly("$[1]", "$[3]");
      }
    }
  }

  /**
   * Regression (fuzz finding export/lone-carriage-returns): a lone '\r' is a line break to jackson;
   * the parallel pass counted only '\n' before the array and between pieces, and so placed errors
   * lines too early.
   */
  @Test
  void countsCarriageReturnsAsLineBreaks() throws IOException {
    StringBuilder json = new StringBuilder(" \t\r\r[\r\n");
    String big = "x".repeat(4_000);
    for (int i = 0; i < 600; i++) {
      json.append(i == 0 ? "" : ",\r")
          .append(i % 2 == 0 ? "\r" : "\r\n")
          .append(ExportReaderTest.conversation("c" + i, big));
    }
    json.append(",\r\r\n\r{\"id\": \"x\", \"title\": nope}]");
    Path file = tmp.resolve("conversations.json");
    Files.writeString(file, json);
    ChatExportException serial =
        catchThrowableOfType(ChatExportException.class, () -> read(ExportReader.builder(), file));
    // "[" on line 3; "\r\n", then "\r" before the first conversation, two breaks before each other,
    // three at the end
    assertThat(serial.location().line()).isEqualTo(3 + 1 + 1 + 2 * 599 + 3);
    for (int threads : new int[] {2, 3}) {
      ChatExportException parallel =
          catchThrowableOfType(
              ChatExportException.class,
              () -> read(ExportReader.builder().parallelism(threads), file));
      assertThat(parallel.location()).isEqualTo(serial.location());
    }
    Path early = tmp.resolve("early.json");
    Files.writeString(early, " \t\r\r[\r\u0000 ]");
    ChatExportException a =
        catchThrowableOfType(ChatExportException.class, () -> read(ExportReader.builder(), early));
    ChatExportException b =
        catchThrowableOfType(
            ChatExportException.class, () -> read(ExportReader.builder().parallelism(2), early));
    assertThat(a.location().line()).isEqualTo(4);
    assertThat(b.location()).isEqualTo(a.location());
  }

  /**
   * Regression (fuzz finding export/encoding-detected-per-piece): jackson guesses a parser's
   * encoding from the first four bytes it is given. A parallel piece starting {@code [} and a NUL
   * looked like UTF-16LE while the serial parser of the file had chosen UTF-8; and a NUL in the
   * file's first four bytes may make the serial parser choose UTF-16, which a parallel pass now
   * leaves to it.
   */
  @Test
  void readsEveryPieceInTheEncodingTheSerialParserChose() throws IOException {
    for (String json : new String[] {"\r[\u0000\r", "      [\u0000 ]", "[\u0000\u0000\u0000]"}) {
      Path file = tmp.resolve("conversations.json");
      Files.writeString(file, json);
      ChatExportException serial =
          catchThrowableOfType(ChatExportException.class, () -> read(ExportReader.builder(), file));
      ChatExportException parallel =
          catchThrowableOfType(
              ChatExportException.class, () -> read(ExportReader.builder().parallelism(2), file));
      assertThat(parallel.getMessage()).as(json).isEqualTo(serial.getMessage());
      assertThat(parallel.location()).as(json).isEqualTo(serial.location());
    }
  }

  @Test
  void readsAGeneratedExportAlike() throws IOException {
    Path json = tmp.resolve("conversations.json");
    ExportGenerator.builder()
        .seed(7)
        .targetBytes(6L << 20)
        .era(Era.MIXED)
        .build()
        .writeConversationsJson(json);
    assertSame(json);
    Path zip = tmp.resolve("export.zip");
    ExportGenerator.builder()
        .seed(8)
        .targetBytes(3L << 20)
        .era(Era.Y2026)
        .build()
        .writeZip(zip, Layout.SHARDS);
    assertSame(zip);
  }

  /**
   * Conversations with warnings, pretty-printed over many lines, so that line and column shifts are
   * checked.
   */
  @Test
  void reportsWarningsAtTheSameLocations() throws IOException {
    Path odd = tmp.resolve("odd.json");
    JsonFactory factory = new JsonFactory();
    try (OutputStream out = Files.newOutputStream(odd);
        JsonGenerator g = factory.createGenerator(out).useDefaultPrettyPrinter()) {
      g.writeStartArray();
      for (int round = 0; round < 40; round++) {
        for (String name :
            List.of(
                "type-mismatch",
                "cycle",
                "missing-parent",
                "dangling-child",
                "children-mismatch",
                "current-node-unknown",
                "node-id-mismatch",
                "surrogates",
                "era-2026")) {
          try (InputStream in = Fixtures.get("conversations/" + name + ".json").open();
              JsonParser p = factory.createParser(in)) {
            p.nextToken();
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
              g.copyCurrentStructure(p);
            }
          }
        }
      }
      g.writeEndArray();
    }
    assertThat(Files.readString(odd, UTF_8).lines().count()).isGreaterThan(10_000);
    List<Conversation> serial = read(ExportReader.builder(), odd);
    List<Warning> warnings = new ArrayList<>();
    serial.forEach(c -> warnings.addAll(c.warnings()));
    assertThat(warnings).hasSizeGreaterThan(200);
    assertThat(warnings)
        .filteredOn(w -> w.kind() != Warning.Kind.DUPLICATE_CONVERSATION)
        .allSatisfy(w -> assertThat(w.location().line()).isPositive());
    assertSame(odd);
  }

  @Test
  void failsAtTheSameLocationOnDamage() throws IOException {
    Path json = tmp.resolve("conversations.json");
    ExportGenerator.builder()
        .seed(9)
        .targetBytes(2L << 20)
        .era(Era.Y2025)
        .build()
        .writeConversationsJson(json);
    byte[] bytes = Files.readAllBytes(json);
    Path cut = tmp.resolve("cut.json");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length * 3 / 5));
    Path bad = tmp.resolve("bad.json");
    String text = new String(bytes, UTF_8);
    int at = text.indexOf("\"create_time\":", text.length() / 2);
    Files.writeString(
        bad, text.substring(0, at) + "\"create_time\": EPOCH" + text.substring(at + 14), UTF_8);
    for (Path damaged : List.of(cut, bad)) {
      Outcome serial = outcome(ExportReader.builder(), damaged);
      Outcome parallel = outcome(ExportReader.builder().parallelism(2), damaged);
      assertThat(parallel.ids()).isEqualTo(serial.ids());
      assertThat(parallel.error()).isEqualTo(serial.error());
      assertThat(serial.error()).isNotNull();
    }
  }

  /**
   * Shards of several pieces each, the middle one damaged: the parsing threads must replace their
   * parser after the damage and read the next shard alike.
   */
  @Test
  void readsTheShardsAfterADamagedOneAlike() throws IOException {
    Path export = Files.createDirectories(tmp.resolve("sharded"));
    for (int shard = 0; shard < 3; shard++) {
      Path json = export.resolve("conversations-00" + shard + ".json");
      ExportGenerator.builder()
          .seed(20 + shard)
          .targetBytes(1L << 20)
          .era(Era.Y2026)
          .build()
          .writeConversationsJson(json);
      if (shard == 1) {
        String text = Files.readString(json, UTF_8);
        int at = text.indexOf("\"create_time\":", text.length() / 2);
        Files.writeString(
            json,
            text.substring(0, at) + "\"create_time\": EPOCH" + text.substring(at + 14),
            UTF_8);
      }
    }
    Outcome serial = outcome(ExportReader.builder(), export);
    Outcome parallel = outcome(ExportReader.builder().parallelism(2), export);
    assertThat(serial.error()).isNotNull();
    assertThat(serial.error().entry()).isEqualTo("conversations-001.json");
    assertThat(parallel.ids()).isEqualTo(serial.ids());
    assertThat(parallel.error()).isEqualTo(serial.error());
  }

  /**
   * Conversations of about 400 KB whose metadata holds lists of objects that start with the same
   * two keys as a conversation: the cutter's guess lands inside a conversation, the parse fails at
   * the cut, and the pieces are parsed again joined. Pretty-printed, so that lines and columns move
   * too; one copy is damaged after the cuts.
   */
  @Test
  void joinsPiecesCutInsideAConversation() throws IOException {
    assertSame(
        lookAlikes(
            tmp.resolve("one-huge.json"), 1, 80_000)); // every cut wrong, in runs that double
    Path json = lookAlikes(tmp.resolve("look-alike.json"), 12, 4000);
    assertThat(Files.size(json)).isGreaterThan(3L << 20);
    assertSame(json);
    String text = Files.readString(json, UTF_8);
    Path bad = tmp.resolve("look-alike-damaged.json");
    Files.writeString(bad, text.replace("\"conversation 9\"", "conversation 9"), UTF_8);
    Outcome serial = outcome(ExportReader.builder(), bad);
    Outcome parallel = outcome(ExportReader.builder().parallelism(2), bad);
    assertThat(serial.error()).isNotNull();
    assertThat(serial.ids()).hasSize(9);
    assertThat(parallel.ids()).isEqualTo(serial.ids());
    assertThat(parallel.error()).isEqualTo(serial.error());
  }

  /**
   * {@code conversations} conversations, each with {@code lookAlikes} objects that start as a
   * conversation does.
   */
  private static Path lookAlikes(Path json, int conversations, int lookAlikes) throws IOException {
    JsonFactory factory = new JsonFactory();
    try (OutputStream out = Files.newOutputStream(json);
        JsonGenerator g = factory.createGenerator(out).useDefaultPrettyPrinter()) {
      g.writeStartArray();
      for (int c = 0; c < conversations; c++) {
        g.writeStartObject();
        g.writeStringField("title", "conversation " + c);
        g.writeNumberField("create_time", 1700000000.5 + c);
        g.writeObjectFieldStart("mapping");
        g.writeObjectFieldStart("n" + c);
        g.writeStringField("id", "n" + c);
        g.writeNullField("message");
        g.writeNullField("parent");
        g.writeArrayFieldStart("children");
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
        g.writeArrayFieldStart("look_alikes");
        for (int k = 0; k < lookAlikes; k++) {
          g.writeStartObject();
          g.writeStringField("title", "inner " + k);
          g.writeNumberField("create_time", k);
          g.writeStringField("pad", "ééé 日本 " + "x".repeat(k % 50));
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField(
            "current_node", c % 3 == 0 ? "unknown" : "n" + c); // a warning now and then
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    return json;
  }

  /**
   * More white space before the array than the cutter reads at once, over several lines: the
   * columns of the warnings in the first piece must still count from the start of their line
   * (regression: they did not).
   */
  @Test
  void countsColumnsAfterLongLeadingSpace() throws IOException {
    Path json = tmp.resolve("leading-space.json");
    java.io.StringWriter oneLine = new java.io.StringWriter();
    JsonFactory factory = new JsonFactory();
    try (InputStream in = Fixtures.get("conversations/type-mismatch.json").open();
        JsonParser p = factory.createParser(in);
        JsonGenerator g = factory.createGenerator(oneLine)) {
      p.nextToken();
      g.copyCurrentStructure(p); // on one line, so that its warnings share the line of the spaces
    }
    Files.writeString(json, "\n\n" + " ".repeat(3 << 20) + oneLine, UTF_8);
    assertSame(json);
  }

  /**
   * Content after the array, an empty array, and an array that ends too early, in the last piece of
   * a file.
   */
  @Test
  void endsFilesAlike() throws IOException {
    Path json = tmp.resolve("big.json");
    ExportGenerator.builder()
        .seed(11)
        .targetBytes(1L << 20)
        .era(Era.Y2024)
        .build()
        .writeConversationsJson(json);
    String text = Files.readString(json, UTF_8).stripTrailing();
    List<String> endings =
        List.of(
            text + " \n",
            text + " x",
            text + " {}",
            "[ ]",
            "[]  ",
            "[",
            "\uFEFF[\n]",
            text.substring(0, text.length() - 1) + ",",
            text.substring(0, text.length() - 1) + ", 3]");
    for (int i = 0; i < endings.size(); i++) {
      Path file = tmp.resolve("ending-" + i + ".json");
      Files.writeString(file, endings.get(i), UTF_8);
      Outcome serial = outcome(ExportReader.builder(), file);
      Outcome parallel = outcome(ExportReader.builder().parallelism(2), file);
      assertThat(parallel.ids()).as("ending %d", i).isEqualTo(serial.ids());
      assertThat(parallel.error()).as("ending %d", i).isEqualTo(serial.error());
    }
  }

  private record Outcome(List<String> ids, io.github.chatexport.api.Location error) {}

  private static Outcome outcome(ExportReader.Builder builder, Path path) throws IOException {
    List<String> ids = new ArrayList<>();
    try (ExportReader export = builder.open(path)) {
      var it = export.iterator();
      while (it.hasNext()) {
        ids.add(it.next().id());
      }
    } catch (ChatExportException e) {
      return new Outcome(ids, e.location());
    }
    return new Outcome(ids, null);
  }
}
