package io.github.chatexport.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.chatexport.api.Asset;
import io.github.chatexport.api.AssetReference;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Warning;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged and hostile archives, made at test time. */
class ArchiveTest {
  @TempDir Path tmp;

  private static String conversations(String... ids) {
    List<String> all = new ArrayList<>();
    for (String id : ids) {
      all.add(ExportReaderTest.conversation(id, "Title " + id));
    }
    return "[" + String.join(",", all) + "]";
  }

  private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content.getBytes(UTF_8));
    zip.closeEntry();
  }

  private static List<String> ids(Iterator<Conversation> it, List<ChatExportException> error) {
    List<String> out = new ArrayList<>();
    try {
      while (it.hasNext()) {
        out.add(it.next().id());
      }
    } catch (ChatExportException e) {
      error.add(e);
    }
    return out;
  }

  @Test
  void readsATruncatedDownloadFromItsLocalHeaders() throws IOException {
    Path zip = tmp.resolve("export.zip");
    String[] many = new String[40];
    for (int i = 0; i < many.length; i++) {
      many[i] = "c" + i;
    }
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      entry(out, "user.json", "{\"id\":\"user-1\",\"email\":\"a@example.com\"}");
      entry(out, "conversations.json", conversations(many));
    }
    byte[] whole = Files.readAllBytes(zip);
    Path cut = tmp.resolve("cut.zip");
    Files.write(cut, Arrays.copyOf(whole, whole.length * 2 / 3));

    try (ExportReader export = ExportReader.open(cut)) {
      assertThat(export.account()).isPresent();
      assertThat(export.warnings())
          .extracting(Warning::message)
          .anyMatch(m -> m.contains("damaged at entry conversations.json"));
      List<ChatExportException> error = new ArrayList<>();
      List<String> read = ids(export.iterator(), error);
      assertThat(read).isNotEmpty().hasSizeLessThan(40).startsWith("c0", "c1");
      assertThat(error).hasSize(1);
      assertThat(error.get(0).location().entry()).isEqualTo("conversations.json");
    }
  }

  @Test
  void readsTheOtherShardsBeforeReportingADamagedOne() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("export"));
    Files.writeString(dir.resolve("conversations-000.json"), conversations("a1", "a2"), UTF_8);
    String damaged = conversations("b1", "b2");
    Files.writeString(
        dir.resolve("conversations-001.json"),
        damaged.substring(0, damaged.length() / 2 + 200),
        UTF_8);
    Files.writeString(dir.resolve("conversations-002.json"), conversations("c1"), UTF_8);
    String alsoDamaged = conversations("d1");
    Files.writeString(dir.resolve("conversations-003.json"), alsoDamaged.substring(0, 100), UTF_8);

    try (ExportReader export = ExportReader.open(dir)) {
      List<ChatExportException> error = new ArrayList<>();
      assertThat(ids(export.iterator(), error)).containsExactly("a1", "a2", "b1", "c1");
      assertThat(error).hasSize(1);
      assertThat(error.get(0).location().entry()).isEqualTo("conversations-001.json");
      assertThat(error.get(0).getSuppressed()).hasSize(1);
      assertThat(((ChatExportException) error.get(0).getSuppressed()[0]).location().entry())
          .isEqualTo("conversations-003.json");
    }
    try (ExportReader export = ExportReader.builder().strict(true).open(dir)) {
      List<ChatExportException> error = new ArrayList<>();
      assertThat(ids(export.iterator(), error)).containsExactly("a1", "a2", "b1");
      assertThat(error.get(0).location().entry()).isEqualTo("conversations-001.json");
    }
  }

  @Test
  void neverListsNamesThatLeaveTheArchive() throws IOException {
    Path zip = tmp.resolve("slip.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      entry(out, "conversations.json", conversations("c1"));
      for (String name :
          List.of(
              "../evil.json",
              "/etc/passwd",
              "C:\\x.json",
              "a\\..\\b.png",
              "ok/../../up.png",
              "file-abc-..\\..\\x.png")) {
        entry(out, name, "x");
      }
      entry(out, "dalle-generations/file-ok-1.webp", "RIFF0000WEBP");
    }
    try (ExportReader export = ExportReader.open(zip)) {
      assertThat(export.files())
          .containsExactly("conversations.json", "dalle-generations/file-ok-1.webp");
      assertThat(export.conversations().map(Conversation::id)).containsExactly("c1");
      Asset asset = export.assets().resolve("file-service://file-ok").orElseThrow();
      assertThat(asset.mimeType()).isEqualTo("image/webp");
      try (InputStream in = export.assets().open(asset)) {
        assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("RIFF0000WEBP");
      }
    }
  }

  @Test
  void stopsAZipBombEarly() throws IOException {
    Path zip = tmp.resolve("bomb.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("conversations.json"));
      out.write("[".getBytes(UTF_8));
      byte[] spaces = new byte[1 << 20];
      Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 80; i++) {
        out.write(spaces);
      }
      out.write("]".getBytes(UTF_8));
      out.closeEntry();
    }
    assertThat(Files.size(zip)).isLessThan(1 << 20);
    long start = System.nanoTime();
    try (ExportReader export = ExportReader.open(zip)) {
      ChatExportException e =
          catchThrowableOfType(
              ChatExportException.class, () -> export.conversations().forEach(c -> {}));
      assertThat(e.location().entry()).isEqualTo("conversations.json");
      assertThat(e).hasMessageContaining("ZipBombException");
    }
    try (ExportReader export = ExportReader.builder().maxEntrySize(1 << 20).open(zip)) {
      assertThat(
              catchThrowableOfType(
                  ChatExportException.class, () -> export.conversations().forEach(c -> {})))
          .isNotNull();
    }
    assertThat(System.nanoTime() - start).isLessThan(20_000_000_000L);
  }

  @Test
  void readsAZip64ArchiveOfManyEntries() throws IOException {
    Path zip = tmp.resolve("zip64.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.setLevel(0);
      entry(out, "conversations.json", conversations("c1", "c2"));
      for (int i = 0; i < 66_000; i++) {
        out.putNextEntry(new ZipEntry("user-x/file_" + Integer.toHexString(i) + "-a.png"));
        out.write(i & 0x7f);
        out.closeEntry();
      }
    }
    try (ExportReader export = ExportReader.open(zip)) {
      assertThat(export.conversations().map(Conversation::id)).containsExactly("c1", "c2");
      assertThat(export.files()).hasSize(66_001);
      assertThat(export.assets().resolve("sediment://file_ffff")).isPresent();
    }
  }

  @Test
  void opensAPrivacyPortalContainerOfExportArchives() throws IOException {
    Path inner = tmp.resolve("inner.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(inner))) {
      entry(
          out,
          "conversations.json",
          conversations("c1")
              .replace(
                  "\"metadata\":{}},\"parent\"",
                  "\"metadata\":{\"attachments\":[{\"id\":\"file-Xyz\",\"name\":\"notes.pdf\"}]}},\"parent\""));
      entry(out, "user.json", "{\"id\":\"user-1\"}");
    }
    Path files = tmp.resolve("files.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(files))) {
      entry(out, "file-Xyz-notes.pdf", "%PDF-1.7 tiny");
    }
    Path outer = tmp.resolve("portal.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(outer))) {
      out.putNextEntry(new ZipEntry("OpenAI/Conversations_2026-01-01-chatgpt-0001.zip"));
      Files.copy(inner, out);
      out.closeEntry();
      out.putNextEntry(new ZipEntry("OpenAI/Files_2026-01-01-chatgpt-0001.zip"));
      Files.copy(files, out);
      out.closeEntry();
    }
    try (ExportReader export = ExportReader.open(outer)) {
      List<Conversation> all = export.conversations().toList();
      assertThat(all).extracting(Conversation::id).containsExactly("c1");
      assertThat(export.account()).isPresent();
      List<AssetReference> refs = export.assets().references(all.get(0));
      assertThat(refs)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.kind()).isEqualTo(AssetReference.Kind.ATTACHMENT);
                assertThat(r.asset()).isNotNull();
                assertThat(r.asset().mimeType()).isEqualTo("application/pdf");
                assertThat(r.asset().displayName()).isEqualTo("notes.pdf");
              });
    }
  }

  @Test
  void keepsUntrustedDisplayNamesAsDataAndDerivesSafeFileNames() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("export"));
    Files.writeString(dir.resolve("conversations.json"), conversations("c1"), UTF_8);
    Files.writeString(
        dir.resolve("conversation_asset_file_names.json"),
        "{\"file_a.dat\":\"../../etc/passwd\",\"file_b.dat\":\"C:\\\\Windows\\\\x.png\"}",
        UTF_8);
    try (OutputStream out = Files.newOutputStream(dir.resolve("file_a.dat"))) {
      out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
    }
    Files.write(dir.resolve("file_b.dat"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0});
    try (ExportReader export = ExportReader.open(dir)) {
      Asset a = export.assets().resolve("sediment://file_a").orElseThrow();
      assertThat(a.displayName()).isEqualTo("../../etc/passwd");
      assertThat(a.fileName())
          .doesNotContain("/")
          .doesNotContain("\\")
          .isNotIn(".", "..")
          .isNotEmpty();
      assertThat(a.mimeType()).isEqualTo("image/png");
      Asset b = export.assets().resolve("file_b").orElseThrow();
      assertThat(b.fileName()).doesNotContain("\\").doesNotContain(":");
      assertThat(b.mimeType()).isEqualTo("image/jpeg");
      assertThat(export.assets().resolve("sediment://file_gone")).isEmpty();
    }
  }
}
