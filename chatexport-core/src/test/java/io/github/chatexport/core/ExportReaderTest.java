package io.github.chatexport.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.chatexport.api.Asset;
import io.github.chatexport.api.Content;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Message;
import io.github.chatexport.api.RawJson;
import io.github.chatexport.api.Warning;
import io.github.chatexport.testdata.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportReaderTest {
  private static final String TWO =
      "[" + conversation("c1", "First") + "," + conversation("c2", "Second") + "]";

  @TempDir Path tmp;

  static String conversation(String id, String title) {
    return "{\"id\":\""
        + id
        + "\",\"title\":\""
        + title
        + "\",\"create_time\":1695326273.968528,"
        + "\"current_node\":\"b\",\"mapping\":{"
        + "\"a\":{\"id\":\"a\",\"message\":null,\"parent\":null,\"children\":[\"b\"]},"
        + "\"b\":{\"id\":\"b\",\"message\":{\"id\":\"b\",\"author\":{\"role\":\"user\",\"metadata\":{}},"
        + "\"content\":{\"content_type\":\"text\",\"parts\":[\"hello\"]},\"metadata\":{}},"
        + "\"parent\":\"a\",\"children\":[]}}}";
  }

  private Path write(String name, String content) throws IOException {
    Path file = tmp.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, UTF_8);
    return file;
  }

  private static List<String> titles(ExportReader export) {
    try (Stream<Conversation> all = export.conversations()) {
      return all.map(Conversation::title).toList();
    }
  }

  @Test
  void readsAJsonFileAFolderAndAZipAlike() throws IOException {
    Path folder = Fixtures.get("exports/basic-2024/").copyTo(tmp);
    Path zip = Fixtures.get("exports/basic-2024/").zipTo(tmp);
    Path json = folder.resolve("conversations.json");

    List<String> fromFolder;
    try (ExportReader export = ExportReader.open(folder)) {
      fromFolder = titles(export);
      assertThat(export.account()).isPresent();
    }
    try (ExportReader export = ExportReader.open(zip)) {
      assertThat(titles(export)).isEqualTo(fromFolder);
      assertThat(export.account()).isPresent();
    }
    try (ExportReader export = ExportReader.open(json)) {
      assertThat(titles(export)).isEqualTo(fromFolder);
      assertThat(export.account()).isEmpty();
    }
    assertThat(fromFolder).hasSize(2);
  }

  @Test
  void readsAnExportUnderOneTopFolderOfAZip() throws IOException {
    Path zip = tmp.resolve("nested.zip");
    try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new java.util.zip.ZipEntry("export-2024/conversations.json"));
      out.write(TWO.getBytes(UTF_8));
      out.putNextEntry(new java.util.zip.ZipEntry("__MACOSX/export-2024/._conversations.json"));
      out.write(new byte[] {0, 5, 22, 7});
    }
    try (ExportReader export = ExportReader.open(zip)) {
      assertThat(titles(export)).containsExactly("First", "Second");
    }
  }

  @Test
  void everyCallIsANewPassFromTheStart() throws IOException {
    try (ExportReader export = ExportReader.open(write("conversations.json", TWO))) {
      Iterator<Conversation> first = export.iterator();
      assertThat(first.next().id()).isEqualTo("c1");
      assertThat(titles(export)).containsExactly("First", "Second");
      assertThat(first.next().id()).isEqualTo("c2");
      assertThat(first.hasNext()).isFalse();
    }
  }

  @Test
  void closingTheReaderEndsEveryPass() throws IOException {
    ExportReader export = ExportReader.open(write("conversations.json", TWO));
    Iterator<Conversation> pass = export.iterator();
    pass.next();
    export.close();
    export.close();
    assertThat(pass.hasNext()).isFalse();
    assertThatThrownBy(export::conversations).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aStreamIsReadOnceAndStaysTheCallers() throws IOException {
    AtomicBoolean closed = new AtomicBoolean();
    InputStream in =
        new FilterInputStream(new ByteArrayInputStream(TWO.getBytes(UTF_8))) {
          @Override
          public void close() {
            closed.set(true);
          }
        };
    try (ExportReader export = ExportReader.open(in, "upload.json")) {
      assertThat(titles(export)).containsExactly("First", "Second");
      assertThatThrownBy(() -> titles(export)).isInstanceOf(IllegalStateException.class);
    }
    assertThat(closed).isFalse();
  }

  @Test
  void aStreamWhoseNameHasAFolderIsNoAssetOfItself() throws IOException {
    // The stream was listed as an asset, and asking for the assets first sniffed it: the one read a
    // stream allows.
    InputStream in = new ByteArrayInputStream(TWO.getBytes(UTF_8));
    try (ExportReader export = ExportReader.open(in, "uploads/2026/conversations.json")) {
      List<Asset> assets = export.assets().all();
      assertThat(titles(export)).containsExactly("First", "Second");
      assertThat(assets).isEmpty();
    }
  }

  @Test
  void aZipStreamIsCopiedToAPrivateTemporaryFileThatCloseDeletes() throws IOException {
    Path zip = Fixtures.get("exports/basic-2024/").zipTo(tmp);
    List<Path> before = temporaryCopies();
    List<Path> copies;
    try (InputStream in = Files.newInputStream(zip);
        ExportReader export = ExportReader.open(in, "upload.zip")) {
      assertThat(titles(export)).hasSize(2);
      assertThat(titles(export)).hasSize(2);
      // Other processes (builds, fuzzing) may create temporary files meanwhile: the copy is the
      // new file of the upload's bytes.
      byte[] upload = Files.readAllBytes(zip);
      copies = new ArrayList<>();
      for (Path p : temporaryCopies()) {
        try {
          if (!before.contains(p) && Arrays.equals(Files.readAllBytes(p), upload)) {
            copies.add(p);
          }
        } catch (NoSuchFileException gone) {
          // another process's, deleted meanwhile
        }
      }
      assertThat(copies).hasSize(1);
    }
    assertThat(copies.get(0)).doesNotExist();
  }

  private static List<Path> temporaryCopies() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files
          .filter(
              p -> p.getFileName().toString().startsWith("chatexport-") && Files.isRegularFile(p))
          .toList();
    }
  }

  @Test
  void saysWhatItFoundWhenTheInputIsNotAnExport() throws IOException {
    Path png = tmp.resolve("photo.png");
    Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
    assertThatThrownBy(() -> ExportReader.open(png))
        .isInstanceOf(ChatExportException.class)
        .hasMessageContaining("not a ChatGPT export")
        .hasMessageContaining("neither a ZIP archive nor JSON");

    Path empty = Files.createDirectory(tmp.resolve("empty"));
    write("empty/notes.txt", "nothing");
    assertThatThrownBy(() -> ExportReader.open(empty))
        .isInstanceOf(ChatExportException.class)
        .hasMessageContaining("no conversations.json")
        .hasMessageContaining("notes.txt");

    Path nothing = write("zero.json", "");
    assertThatThrownBy(() -> ExportReader.open(nothing))
        .isInstanceOf(ChatExportException.class)
        .hasMessageContaining("empty file");
  }

  @Test
  void keepsEveryConversationBeforeTheDamageAndSaysWhere() throws IOException {
    String damaged =
        TWO.substring(0, TWO.length() - 1) + "," + conversation("c3", "Third").substring(0, 120);
    Path file = write("conversations.json", damaged);
    try (ExportReader export = ExportReader.open(file)) {
      Iterator<Conversation> it = export.iterator();
      assertThat(it.next().id()).isEqualTo("c1");
      assertThat(it.next().id()).isEqualTo("c2");
      ChatExportException e = catchThrowableOfType(ChatExportException.class, it::hasNext);
      assertThat(e.location().file()).isEqualTo(file.toString());
      assertThat(e.location().line()).isEqualTo(1);
      assertThat(e.location().column()).isEqualTo(damaged.length() + 1);
      assertThat(e.location().jsonPath()).startsWith("$[2].mapping");
      assertThat(e).hasMessageContaining("ends too early");
      assertThat(it.hasNext()).isFalse();
    }
  }

  /**
   * Regression (fuzz finding chatHtml/eof-against-io-error): a field name whose last UTF-8 sequence
   * is cut short by its closing quote is reported by jackson as an end of input; it is invalid
   * UTF-8, in a serial read and a parallel one alike (the parallel one used to report the damage at
   * the end of the page instead).
   */
  @Test
  void callsAFieldNameCutInsideAUtf8SequenceInvalidUtf8() throws IOException {
    byte[] head = TWO.substring(0, TWO.length() - 1).getBytes(UTF_8);
    // ,{"id":"c3","ti?<F5>":1}] where F5 (byte 16) is a four-byte lead right before the name's
    // closing quote
    byte[] cut = ",{\"id\":\"c3\",\"ti?t\":1}]".getBytes(UTF_8);
    cut[16] = (byte) 0xf5;
    Path file = tmp.resolve("conversations.json");
    Files.write(file, concat(head, cut));
    for (ExportReader.Builder builder :
        List.of(ExportReader.builder(), ExportReader.builder().parallelism(2))) {
      try (ExportReader export = builder.open(file)) {
        Iterator<Conversation> it = export.iterator();
        assertThat(it.next().id()).isEqualTo("c1");
        assertThat(it.next().id()).isEqualTo("c2");
        ChatExportException e = catchThrowableOfType(ChatExportException.class, it::hasNext);
        assertThat(e).hasMessageStartingWith("invalid JSON: invalid UTF-8 at");
        assertThat(e.location().jsonPath()).isEqualTo("$[2].id"); // the member before the name
        assertThat(e.location().byteOffset())
            .isEqualTo(head.length + 18); // just after the closing quote
      }
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void neverQuotesTheExportInErrors() throws IOException {
    Path file = write("conversations.json", "[{\"id\":\"c1\",\"title\": SECRETWORD }]");
    try (ExportReader export = ExportReader.open(file)) {
      ChatExportException e = catchThrowableOfType(ChatExportException.class, () -> titles(export));
      assertThat(e).hasMessageNotContaining("SECRETWORD").hasMessageContaining("line 1 column 22");
      assertThat(e.getCause()).isNull();
      assertThat(e.location().jsonPath()).isEqualTo("$[0].title");
    }
  }

  @Test
  void strictModeTurnsTheFirstWarningIntoAnErrorAtItsPlace() throws IOException {
    String odd = TWO.replace("\"title\":\"First\"", "\"title\":42");
    Path file = write("conversations.json", odd);
    try (ExportReader export = ExportReader.open(file)) {
      Conversation first = export.iterator().next();
      assertThat(first.title()).isNull();
      assertThat(first.extras().get("title")).isEqualTo(RawJson.of(42));
      assertThat(first.warnings())
          .extracting(Warning::kind)
          .containsExactly(Warning.Kind.TYPE_MISMATCH);
      assertThat(first.warnings().get(0).location().jsonPath()).isEqualTo("$[0].title");
      assertThat(first.warnings().get(0).location().conversationId()).isEqualTo("c1");
    }
    try (ExportReader export = ExportReader.builder().strict(true).open(file)) {
      ChatExportException e = catchThrowableOfType(ChatExportException.class, () -> titles(export));
      assertThat(e.location().jsonPath()).isEqualTo("$[0].title");
      assertThat(e).hasMessageContaining("TYPE_MISMATCH");
    }
  }

  @Test
  void enforcesTheNodeLimit() throws IOException {
    Path file = write("conversations.json", TWO);
    try (ExportReader export = ExportReader.builder().maxNodesPerConversation(1).open(file)) {
      assertThatThrownBy(() -> titles(export))
          .isInstanceOf(ChatExportException.class)
          .hasMessageContaining("more than 1 nodes")
          .satisfies(
              e ->
                  assertThat(((ChatExportException) e).location().jsonPath())
                      .isEqualTo("$[0].mapping.b"));
    }
  }

  @Test
  void enforcesTheStringLimit() throws IOException {
    Path file = write("conversations.json", TWO.replace("hello", "x".repeat(5000)));
    try (ExportReader export = ExportReader.builder().maxStringLength(1000).open(file)) {
      assertThatThrownBy(() -> titles(export))
          .isInstanceOf(ChatExportException.class)
          .hasMessageContaining("limit");
    }
  }

  @Test
  void boundsNestingWithoutOverflowingTheStack() throws IOException {
    String deep =
        "["
            + conversation("c1", "Deep")
                .replace(
                    "\"metadata\":{}},\"parent\"",
                    "\"metadata\":{\"x\":"
                        + "[".repeat(100_000)
                        + "]".repeat(100_000)
                        + "}},\"parent\"")
            + "]";
    Path file = write("conversations.json", deep);
    try (ExportReader export = ExportReader.open(file)) {
      assertThatThrownBy(() -> titles(export))
          .isInstanceOf(ChatExportException.class)
          .hasMessageContaining("limit");
    }
    try (ExportReader export =
        ExportReader.builder().maxNestingDepth(50).open(write("ok.json", TWO))) {
      assertThat(titles(export)).hasSize(2);
    }
  }

  @Test
  void rejectsInvalidSettingsAtOnce() {
    assertThatThrownBy(() -> ExportReader.builder().maxNodesPerConversation(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExportReader.builder().maxStringLength(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keepsTimestampsExactAndUnknownFieldsVerbatim() throws IOException {
    String json =
        TWO.replace(
            "\"create_time\":1695326273.968528,",
            "\"create_time\":1695326273.968528,\"future_field\":{\"n\":1.50,\"s\":\"\\u00e9\"},");
    try (ExportReader export = ExportReader.open(write("conversations.json", json))) {
      Conversation c = export.iterator().next();
      assertThat(c.createTime()).isEqualTo(Instant.ofEpochSecond(1695326273L, 968_528_000L));
      assertThat(c.extras().get("future_field").toJson()).isEqualTo("{\"n\":1.50,\"s\":\"é\"}");
      assertThat(c.extras().absent())
          .contains("conversation_id", "update_time")
          .doesNotContain("title");
      Message m = c.activeBranch().messages().get(0);
      assertThat(m.content()).isInstanceOf(Content.Text.class);
      assertThat(m.text()).isEqualTo("hello");
      assertThat(m.extras().absent()).contains("status", "weight", "create_time");
    }
  }

  @Test
  void toleratesAWrappedArrayOfConversations() throws IOException {
    try (ExportReader export =
        ExportReader.open(write("wrapped.json", "{\"conversations\":" + TWO + "}"))) {
      assertThat(titles(export)).containsExactly("First", "Second");
    }
  }

  @Test
  void reportsProgressInConversationsAndBytes() throws IOException {
    Path file = write("conversations.json", TWO);
    List<long[]> calls = new java.util.ArrayList<>();
    try (ExportReader export = ExportReader.open(file);
        Stream<Conversation> all =
            export.conversations((n, bytes, total) -> calls.add(new long[] {n, bytes, total}))) {
      assertThat(all.count()).isEqualTo(2);
      assertThat(export.conversationBytes()).isEqualTo(Files.size(file));
    }
    assertThat(calls).hasSizeGreaterThanOrEqualTo(3);
    long[] last = calls.get(calls.size() - 1);
    assertThat(last[0]).isEqualTo(2);
    assertThat(last[1]).isEqualTo(Files.size(file));
    assertThat(last[2]).isEqualTo(Files.size(file));
  }

  @Test
  void tellsTheLayoutAndEra() throws IOException {
    try (ExportReader export = ExportReader.open(write("conversations.json", TWO))) {
      ExportLayout layout = export.layout();
      assertThat(layout.container()).isEqualTo(ExportLayout.Container.JSON_FILE);
      assertThat(layout.source()).isEqualTo(ExportLayout.Source.JSON_FILE);
      // No conversation_id, as in the first format, but created in September 2023, after it: no
      // guess.
      assertThat(layout.era()).isEqualTo(ExportLayout.Era.UNKNOWN);
    }
    String april2023 = TWO.replace("1695326273.968528", "1682606050.0");
    try (ExportReader export = ExportReader.open(write("conversations.json", april2023))) {
      assertThat(export.layout().era()).isEqualTo(ExportLayout.Era.FIRST_FORMAT_2023);
    }
    String withId = TWO.replace("\"id\":\"c1\",", "\"id\":\"c1\",\"conversation_id\":\"c1\",");
    try (ExportReader export = ExportReader.open(write("conversations.json", withId))) {
      assertThat(export.layout().era()).isEqualTo(ExportLayout.Era.SINGLE_FILE_2023_2026);
    }
    try (ExportReader export = ExportReader.open(write("my-export.json", withId))) {
      assertThat(export.layout().era()).isEqualTo(ExportLayout.Era.UNKNOWN);
    }
    Path dir = Files.createDirectories(tmp.resolve("sharded"));
    Files.writeString(dir.resolve("conversations-000.json"), TWO, UTF_8);
    Files.writeString(dir.resolve("conversations-001.json"), "[]", UTF_8);
    try (ExportReader export = ExportReader.open(dir)) {
      ExportLayout layout = export.layout();
      assertThat(layout.container()).isEqualTo(ExportLayout.Container.FOLDER);
      assertThat(layout.source()).isEqualTo(ExportLayout.Source.SHARDS);
      assertThat(layout.conversationFiles())
          .containsExactly("conversations-000.json", "conversations-001.json");
      assertThat(layout.era()).isEqualTo(ExportLayout.Era.SHARDED_2026);
      assertThat(layout.salvaged()).isFalse();
    }
  }

  @Test
  void aParallelPassDeliversInOrderAndEndsItsThreadsWhenClosed()
      throws IOException, InterruptedException {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 3000; i++) {
      json.append(i == 0 ? "" : ",").append(conversation("c" + i, "T" + i));
    }
    Path file = write("many.json", json.append(']').toString());
    try (ExportReader export = ExportReader.builder().parallelism(2).open(file)) {
      try (Stream<Conversation> all = export.conversations()) {
        List<String> ids = all.map(Conversation::id).toList();
        assertThat(ids).hasSize(3000).startsWith("c0", "c1").endsWith("c2998", "c2999");
      }
      try (Stream<Conversation> all = export.conversations()) {
        assertThat(all.limit(5).map(Conversation::id))
            .containsExactly("c0", "c1", "c2", "c3", "c4");
      }
    }
    long deadline = System.currentTimeMillis() + 5000;
    while (chatexportThreads() > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertThat(chatexportThreads()).isZero();
  }

  private static long chatexportThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("chatexport-") && t.isAlive())
        .count();
  }
}
