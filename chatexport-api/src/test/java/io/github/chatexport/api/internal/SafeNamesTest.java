package io.github.chatexport.api.internal;

import static io.github.chatexport.api.internal.SafeNames.fileName;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeNamesTest {
  private static final int MAX = 255;

  @Test
  void keepsAnOrdinaryTitle() {
    assertThat(fileName("Trip to Lisbon (2024) - plan #2", MAX))
        .isEqualTo("Trip to Lisbon (2024) - plan #2");
  }

  @Test
  void replacesPathSeparatorsSoNoNameEscapesItsFolder() {
    assertThat(fileName("../../etc/passwd", MAX)).isEqualTo("_.._etc_passwd");
    assertThat(fileName("a/b\\c", MAX)).isEqualTo("a_b_c");
    assertThat(fileName("/absolute", MAX)).isEqualTo("_absolute");
    assertThat(fileName("C:\\x", MAX)).isEqualTo("C__x");
    assertThat(fileName("\\\\server\\share", MAX)).isEqualTo("__server_share");
  }

  @Test
  void replacesCharactersWindowsForbids() {
    assertThat(fileName("what? <b>yes</b> | \"no\" : *", MAX))
        .isEqualTo("what_ _b_yes__b_ _ _no_ _ _");
  }

  @Test
  void turnsControlCharactersAndNulIntoUnderscoresAndLineBreaksIntoSpaces() {
    assertThat(fileName("a\u0000b\u0007c\u001bd\u007fe\u0085f", MAX)).isEqualTo("a_b_c_d_e_f");
    assertThat(fileName("line one\r\nline\ttwo", MAX)).isEqualTo("line one line two");
    assertThat(fileName("wide\u2003\u00a0\u2028gap", MAX)).isEqualTo("wide gap");
  }

  @Test
  void dropsInvisibleDirectionOverridesThatDisguiseExtensions() {
    assertThat(fileName("invoice\u202Egpj.exe", MAX)).isEqualTo("invoicegpj.exe");
    assertThat(fileName("\uFEFFbom\u200Bzero\u2066x\u2069", MAX)).isEqualTo("bomzerox");
  }

  @Test
  void replacesLoneSurrogatesAndNoncharacters() {
    assertThat(fileName("a\uD800b\uDC00c", MAX)).isEqualTo("a_b_c");
    assertThat(fileName("x\uFFFEy\uFDD0z", MAX)).isEqualTo("x_y_z");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "...", " ", "   ", ". .", "\u202E", " . . "})
  void neverReturnsEmptyDotOrDotDot(String untrusted) {
    assertThat(fileName(untrusted, MAX)).isEqualTo("_");
  }

  @Test
  void dropsLeadingDotsAndSpacesAndTrailingDotsAndSpaces() {
    assertThat(fileName(".bashrc", MAX)).isEqualTo("bashrc");
    assertThat(fileName("...hidden. ", MAX)).isEqualTo("hidden");
    assertThat(fileName("  title  ", MAX)).isEqualTo("title");
    assertThat(fileName("end...", MAX)).isEqualTo("end");
    assertThat(fileName("end. . .", MAX)).isEqualTo("end");
    assertThat(fileName("a..b", MAX)).isEqualTo("a..b");
  }

  @Test
  void replacesALeadingDashThatToolsWouldReadAsAnOption() {
    assertThat(fileName("-rf", MAX)).isEqualTo("_rf");
    assertThat(fileName("a-b", MAX)).isEqualTo("a-b");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CON",
        "con",
        "Prn",
        "AUX",
        "NUL",
        "COM1",
        "com9",
        "LPT1",
        "lpt9",
        "COM0",
        "LPT\u00b9",
        "CONIN$",
        "conout$"
      })
  void prefixesWindowsDeviceNames(String device) {
    assertThat(fileName(device, MAX)).isEqualTo("_" + device);
    assertThat(fileName(device + ".txt", MAX)).isEqualTo("_" + device + ".txt");
    assertThat(fileName(device + ".tar.gz", MAX)).isEqualTo("_" + device + ".tar.gz");
    assertThat(fileName(device + " .txt", MAX)).isEqualTo("_" + device + " .txt");
    assertThat(fileName(device + ".", MAX)).isEqualTo("_" + device);
  }

  @Test
  void leavesNamesThatMerelyStartLikeDevices() {
    for (String name :
        List.of("CONSOLE", "COM10", "LPT", "nul-result", "aux_file", "COMA", "CON_")) {
      assertThat(fileName(name, MAX)).isEqualTo(name);
    }
  }

  @Test
  void aCutThatLeavesADeviceNameIsPrefixedToo() {
    assertThat(fileName("CONSOLE", 3)).isEqualTo("_CO");
    assertThat(fileName("CON LOG.txt", 8)).isEqualTo("_CON.txt");
    assertThat(fileName("CON LOG.txt", 7)).isEqualTo("CON LOG");
  }

  @Test
  void keepsLettersOfEveryScriptAndEmojiInNfc() {
    String scripts = "Résumé 日本語 Ελληνικά עברית 🙂👨‍👩‍👧";
    assertThat(fileName(scripts, MAX)).isEqualTo(scripts);
    assertThat(fileName("Re\u0301sume\u0301", MAX)).isEqualTo("R\u00e9sum\u00e9");
  }

  @Test
  void cutsLongNamesTo255Utf8BytesKeepingTheExtension() {
    String name = fileName("a".repeat(300) + ".png", MAX);
    assertThat(name).hasSize(255).endsWith("a.png");
    assertThat(fileName("b".repeat(300), MAX)).isEqualTo("b".repeat(255));
    assertThat(fileName("c".repeat(300) + ".thisisnotanextension", MAX))
        .hasSize(255)
        .startsWith("ccc");
  }

  @Test
  void cutsByUtf8BytesBetweenCodePointsNeverInsideASurrogatePair() {
    String cjk = fileName("日".repeat(200), MAX);
    assertThat(cjk.getBytes(UTF_8).length).isEqualTo(255);
    assertThat(cjk).hasSize(85);
    String emoji = fileName("x" + "😀".repeat(100), MAX);
    assertThat(emoji.getBytes(UTF_8).length).isLessThanOrEqualTo(255).isEqualTo(1 + 63 * 4);
    assertThat(Character.isHighSurrogate(emoji.charAt(emoji.length() - 1))).isFalse();
    String mixed = fileName("😀".repeat(100) + ".txt", 10);
    assertThat(mixed).isEqualTo("😀.txt");
    assertThat(fileName("😀😀", 5)).isEqualTo("😀");
    assertThat(fileName("😀", 3)).isEqualTo("_");
  }

  @Test
  void aCutNeverLeavesATrailingDotSpaceOrJoiner() {
    assertThat(fileName("abc. def", 4)).isEqualTo("abc");
    assertThat(fileName("ab  cd", 3)).isEqualTo("ab");
    assertThat(fileName("👨\u200D👩", 7)).isEqualTo("👨");
  }

  @Test
  void isDeterministicAndIdempotent() {
    Random random = new Random(42);
    for (int i = 0; i < 2000; i++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(300);
      for (int k = 0; k < length; k++) {
        b.append((char) (random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(0x10000)));
      }
      String untrusted = b.toString();
      int max = 1 + random.nextInt(255);
      String name = fileName(untrusted, max);
      assertThat(fileName(untrusted, max)).isEqualTo(name);
      assertThat(name)
          .isNotEmpty()
          .isNotIn(".", "..")
          .doesNotContain("/", "\\", "\u0000", ":", "*", "?");
      assertThat(name.getBytes(UTF_8).length).isLessThanOrEqualTo(max);
      assertThat(name)
          .doesNotStartWith(".")
          .doesNotStartWith(" ")
          .doesNotEndWith(".")
          .doesNotEndWith(" ");
      assertThat(SafeNames.isReserved(name)).isFalse();
      assertThat(new String(name.getBytes(UTF_8), UTF_8)).as("no lone surrogate").isEqualTo(name);
      assertThat(fileName(name, max)).as("idempotent").isEqualTo(name);
    }
  }

  @Test
  void rejectsALengthOutsideOneTo255() {
    assertThatThrownBy(() -> fileName("x", 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> fileName("x", 256)).isInstanceOf(IllegalArgumentException.class);
  }
}
