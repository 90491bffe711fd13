package io.github.chatexport.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The small pieces the commands are made of. */
class HelpersTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void boundsAcceptDatesLocalTimesAndInstants() {
    assertThat(Times.bound("2025-01-31", BERLIN, false))
        .isEqualTo(Instant.parse("2025-01-30T23:00:00Z"));
    assertThat(Times.bound("2025-01-31", BERLIN, true))
        .isEqualTo(Instant.parse("2025-01-31T23:00:00Z"));
    assertThat(Times.bound("2025-01-31T18:00", BERLIN, true))
        .isEqualTo(Instant.parse("2025-01-31T17:00:00Z"));
    assertThat(Times.bound("2025-01-31 18:00", BERLIN, false))
        .isEqualTo(Instant.parse("2025-01-31T17:00:00Z"));
    assertThat(Times.bound("2025-01-31T18:00Z", BERLIN, false))
        .isEqualTo(Instant.parse("2025-01-31T18:00:00Z"));
    assertThat(Times.bound("2025-01-31T18:00+05:00", BERLIN, false))
        .isEqualTo(Instant.parse("2025-01-31T13:00:00Z"));
    assertThatThrownBy(() -> Times.bound("last week", BERLIN, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a date or time: 'last week'");
  }

  @Test
  void terminalTextLosesControlCharactersAndDirectionOverrides() {
    assertThat(Texts.oneLine("a\nb\t\u001b[2Jc\u202ed\r\n")).isEqualTo("a b [2Jcd");
    assertThat(Texts.printable("line 1\r\nline 2\u0007\u001b[0m\n\tend"))
        .isEqualTo("line 1\nline 2[0m\n\tend");
    assertThat(Texts.oneLine(null)).isEmpty();
  }

  @Test
  void safeNamesAreCutAndNeverEmpty() {
    assertThat(SafeName.of("../../etc/passwd", 100, "x")).isEqualTo("_.._etc_passwd");
    assertThat(SafeName.of("CON", 100, "x")).isEqualTo("_CON");
    assertThat(SafeName.of("   ", 100, "fallback")).isEqualTo("fallback");
    assertThat(SafeName.of("...", 100, "fallback")).isEqualTo("fallback");
    assertThat(SafeName.of("é".repeat(300), 100, "x")).isEqualTo("é".repeat(50));
    assertThat(SafeName.of("😀".repeat(30), 10, "x")).isEqualTo("😀😀");
  }

  @Test
  void insideRefusesAnythingButOnePlainName() {
    Path dir = Path.of("out");
    assertThat(SafeName.inside(dir, "note.md"))
        .isEqualTo(dir.toAbsolutePath().normalize().resolve("note.md"));
    for (String bad : new String[] {"..", ".", "", "a/b", "a\\b", "C:x", "../x"}) {
      assertThatThrownBy(() -> SafeName.inside(dir, bad))
          .as(bad)
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void fencesAreLongerThanTheBackticksInside() {
    assertThat(Fences.block("print(1)", "python")).isEqualTo("```python\nprint(1)\n```\n");
    assertThat(Fences.block("a ``` b", "unknown")).isEqualTo("````\na ``` b\n````\n");
    assertThat(Fences.block("x", "evil\nlang")).isEqualTo("```\nx\n```\n");
  }

  @Test
  void markdownEscapesLabelsAndKeepsOnlyWebLinks() {
    assertThat(Markdown.inline("[a](b) *c* <d>")).isEqualTo("\\[a\\](b) \\*c\\* \\<d\\>");
    assertThat(Markdown.url("https://example.org/a b(c)"))
        .isEqualTo("https://example.org/a%20b%28c%29");
    assertThat(Markdown.url("javascript:alert(1)")).isNull();
    assertThat(Markdown.path("assets/a b é.png")).isEqualTo("assets/a%20b%20%C3%A9.png");
    assertThat(Markdown.yaml("say \"hi\"\n")).isEqualTo("\"say \\\"hi\\\"\"");
  }
}
