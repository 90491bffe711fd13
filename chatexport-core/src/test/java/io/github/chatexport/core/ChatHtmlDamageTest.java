package io.github.chatexport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Location;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * chat.html whose {@code jsonData} array is cut by the end of its script (a {@code <} inside it):
 * the stream fails with an I/O error after handing out every byte before it, and a serial and a
 * parallel read place that error alike, where those bytes end. The fuzz finding {@code
 * chatHtml/regression-io-error-location-parallel} is the same case in a larger page.
 */
class ChatHtmlDamageTest {
  @TempDir Path tmp;

  private static final String BEFORE = "<html><body><script>\nvar jsonData = ";

  private static String conversation(int i) {
    return "{\"id\":\"c"
        + i
        + "\",\"title\":\"t\",\"mapping\":{\"n\":{\"id\":\"n\",\"message\":null,"
        + "\"parent\":null,\"children\":[]}},\"current_node\":\"n\"}";
  }

  /** The delivered ids and the error of one read. */
  private record Outcome(List<String> ids, String message, Location location) {}

  private static Outcome read(ExportReader.Builder builder, Path dir) throws IOException {
    List<String> ids = new ArrayList<>();
    try (ExportReader export = builder.open(dir);
        Stream<Conversation> all = export.conversations()) {
      Iterator<Conversation> it = all.iterator();
      ChatExportException e =
          catchThrowableOfType(
              ChatExportException.class,
              () -> {
                while (it.hasNext()) {
                  ids.add(it.next().id());
                }
              });
      assertThat(e).isNotNull();
      return new Outcome(ids, e.getMessage(), e.location());
    }
  }

  @Test
  void anIoErrorInsideJsonDataIsPlacedWhereTheBytesBeforeItEndSeriallyAndInParallel()
      throws IOException {
    assertDamageAfter("\n");
  }

  /**
   * After a comma, jackson's end of input is a parse error (not a {@code JsonEOFException}): a
   * parallel read, parsing the bytes before the damage from memory, must still report the damage,
   * as the serial one does.
   */
  @Test
  void theDamageAfterACommaIsTheIoErrorToo() throws IOException {
    assertDamageAfter(",\n");
  }

  /**
   * Regression (fuzz finding chatHtml/damage-while-creating-the-parser): damage within the first
   * four bytes of the array is met while jackson creates its parser (it reads ahead to detect the
   * encoding); the serial read reported it without a location. Now it is placed after the bytes
   * before it, as in parallel.
   */
  @Test
  void damageRightAfterTheBracketIsPlacedAfterIt() throws IOException {
    Files.writeString(
        tmp.resolve("chat.html"), BEFORE + "[<!DOCTYPE html></script>\n", StandardCharsets.UTF_8);
    Outcome serial = read(ExportReader.builder(), tmp);
    assertThat(serial.ids()).isEmpty();
    assertThat(serial.location().line()).isEqualTo(1);
    assertThat(serial.location().column()).isEqualTo(2);
    assertThat(serial.location().byteOffset()).isEqualTo(1);
    assertThat(serial.message()).startsWith("the input could not be read (ChatHtmlException)");
    assertThat(read(ExportReader.builder().parallelism(2), tmp)).isEqualTo(serial);
  }

  /**
   * Regression (fuzz finding chatHtml/number-cut-by-script-end): the array is cut right after a
   * number's decimal point. The serial read asks for the digit after the point and meets the
   * damage; the parallel read parsed the bytes before it from memory, and jackson reported "decimal
   * point not followed by a digit" one byte earlier. Both now meet the damage.
   */
  @Test
  void damageWhereANumberNeedsMoreDigitsIsTheIoError() throws IOException {
    assertDamageAfter(",\n{\"id\":\"x\",\"create_time\":1739612401.", 201, 36);
  }

  /**
   * A piece cut inside a conversation (by objects that start with the same keys as a conversation,
   * inside it) and joined to the damaged last piece keeps that piece's damage.
   */
  @Test
  void aJoinedLastPieceKeepsItsDamage() throws IOException {
    StringBuilder json = new StringBuilder("[");
    List<String> ids = new ArrayList<>();
    String inner = ",{\"id\":\"a\",\"title\":\"b\"}".repeat(100).substring(1);
    for (int i = 0; i < 600; i++) {
      String c = conversation(i);
      json.append(i == 0 ? "" : ",\n")
          .append(c, 0, c.length() - 1)
          .append(",\"x\":[")
          .append(inner)
          .append("]}");
      ids.add("c" + i);
    }
    json.append(",\n");
    assertThat(json.length()).isBetween(1 << 20, 2 << 20); // two pieces, the second one damaged
    String page = BEFORE + json + "</script></body></html>\n";
    Files.writeString(tmp.resolve("chat.html"), page, StandardCharsets.UTF_8);
    Outcome serial = read(ExportReader.builder(), tmp);
    assertThat(serial.ids()).isEqualTo(ids);
    assertThat(serial.location().byteOffset()).isEqualTo(json.length());
    assertThat(serial.message()).startsWith("the input could not be read (ChatHtmlException)");
    assertThat(read(ExportReader.builder().parallelism(2), tmp)).isEqualTo(serial);
  }

  private void assertDamageAfter(String tail) throws IOException {
    assertDamageAfter(tail, 201, 1);
  }

  private void assertDamageAfter(String tail, long line, long column) throws IOException {
    StringBuilder json = new StringBuilder("[");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      json.append(i == 0 ? "" : ",\n").append(conversation(i));
      ids.add("c" + i);
    }
    json.append(tail);
    // 200 lines of conversations, then the damage at the start of line 201. Locations in chat.html
    // count in the
    // jsonData array, from its bracket: the damage is where the array's bytes before it end.
    String page = BEFORE + json + "</script></body></html>\n";
    Files.writeString(tmp.resolve("chat.html"), page, StandardCharsets.UTF_8);
    long damage = json.length();

    Outcome serial = read(ExportReader.builder(), tmp);
    Outcome parallel = read(ExportReader.builder().parallelism(2), tmp);
    assertThat(serial.ids()).isEqualTo(ids);
    assertThat(serial.location().byteOffset()).isEqualTo(damage);
    assertThat(serial.location().line()).isEqualTo(line);
    assertThat(serial.location().column()).isEqualTo(column);
    assertThat(serial.message()).startsWith("the input could not be read (ChatHtmlException)");
    assertThat(parallel).isEqualTo(serial);
  }
}
