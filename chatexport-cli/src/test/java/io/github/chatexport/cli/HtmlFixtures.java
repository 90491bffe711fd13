package io.github.chatexport.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The export the html tests build a site from: the sample export plus the hand-written {@code
 * html/*.json}.
 */
final class HtmlFixtures {
  private HtmlFixtures() {}

  /**
   * The sample export copied into {@code dir}/sample, its conversations.json extended by the
   * conversations of {@code html/planted.json} (raw HTML, scripts and hostile links in a title, a
   * prompt and an answer).
   */
  static Path export(Path dir) throws IOException {
    Path sample = Cli.sample(dir);
    Path conversations = sample.resolve("conversations.json");
    String json = Files.readString(conversations, StandardCharsets.UTF_8).strip();
    String planted = resource("planted.json").strip();
    String merged =
        json.substring(0, json.length() - 1).stripTrailing() + ",\n" + planted.substring(1);
    Files.writeString(conversations, merged, StandardCharsets.UTF_8);
    return sample;
  }

  /** When the archive of the tests first and last saw the planted conversation (deleted since). */
  static final ArchiveFacts PLANTED_FACTS =
      new ArchiveFacts(
          java.time.Instant.parse("2024-12-02T08:00:00Z"),
          java.time.Instant.parse("2025-03-01T08:00:00Z"),
          true);

  /**
   * The site of {@code export} as an archive would make it: the same conversations, the planted one
   * marked deleted (with {@link #PLANTED_FACTS}), the others seen in one export.
   */
  static void archiveSite(Path export, Path dir) throws IOException {
    java.nio.file.Files.createDirectories(dir);
    try (io.github.chatexport.core.ExportReader reader =
            io.github.chatexport.core.ExportReader.open(export);
        java.util.stream.Stream<io.github.chatexport.api.Conversation> all =
            reader.conversations()) {
      HtmlSite site =
          new HtmlSite(dir.toRealPath(), reader.assets(), java.time.ZoneOffset.UTC, false);
      for (io.github.chatexport.api.Conversation c :
          (Iterable<io.github.chatexport.api.Conversation>) all::iterator) {
        site.add(
            c,
            c.title() != null && c.title().startsWith("Planted")
                ? PLANTED_FACTS
                : new ArchiveFacts(
                    java.time.Instant.parse("2025-03-01T08:00:00Z"),
                    java.time.Instant.parse("2025-03-01T08:00:00Z"),
                    false));
      }
      site.finish(true);
    }
  }

  static String resource(String name) throws IOException {
    try (InputStream in = HtmlFixtures.class.getResourceAsStream("html/" + name)) {
      if (in == null) {
        throw new IOException("no test resource html/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
