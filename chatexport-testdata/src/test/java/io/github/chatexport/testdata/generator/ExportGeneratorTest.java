package io.github.chatexport.testdata.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ExportGeneratorTest {
  private static final int MIB = 1 << 20;

  private static byte[] mixed;
  private static GeneratedExport mixedSummary;
  private static Scan mixedScan;

  @BeforeAll
  static void generateOnce() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    mixedSummary =
        ExportGenerator.builder().seed(42).targetBytes(6 * MIB).build().writeConversationsJson(out);
    mixed = out.toByteArray();
    mixedScan = Scan.of(new ByteArrayInputStream(mixed));
  }

  private static byte[] json(ExportGenerator generator) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    generator.writeConversationsJson(out);
    return out.toByteArray();
  }

  @Test
  void sameSeedGivesTheSameBytes() throws IOException {
    ExportGenerator generator = ExportGenerator.builder().seed(42).targetBytes(6 * MIB).build();
    assertThat(json(generator)).isEqualTo(mixed);
    assertThat(json(ExportGenerator.builder().seed(42).targetBytes(6 * MIB).build()))
        .isEqualTo(mixed);
  }

  @Test
  void anotherSeedGivesAnotherExport() throws IOException {
    byte[] other = json(ExportGenerator.builder().seed(43).targetBytes(MIB).build());
    byte[] same = json(ExportGenerator.builder().seed(42).targetBytes(MIB).build());
    assertThat(other).isNotEqualTo(same);
  }

  @Test
  void aSmallerExportOfTheSameSeedStartsWithTheSameConversations() throws IOException {
    byte[] small = json(ExportGenerator.builder().seed(42).conversations(3).build());
    // The first conversations are the same whatever the size (only the last ones are made smaller).
    Scan a = Scan.of(new ByteArrayInputStream(small));
    assertThat(a.conversations).isEqualTo(3);
    List<Map<String, @Nullable Object>> firstOfBig = mixedScan.sample.subList(0, 3);
    assertThat(a.sample).isEqualTo(firstOfBig);
  }

  static Stream<Arguments> sizes() {
    return Stream.of(
        Arguments.of(Era.MIXED, 256 << 10),
        Arguments.of(Era.MIXED, 3 * MIB),
        Arguments.of(Era.Y2023, MIB),
        Arguments.of(Era.Y2024, MIB),
        Arguments.of(Era.Y2025, MIB),
        Arguments.of(Era.Y2026, 2 * MIB));
  }

  @ParameterizedTest(name = "{0}, {1} bytes")
  @MethodSource("sizes")
  void sizeIsWithinTenPercentOfTheTarget(Era era, int target) throws IOException {
    byte[] bytes = json(ExportGenerator.builder().seed(7).targetBytes(target).era(era).build());
    assertThat((double) bytes.length).isBetween(target * 0.9, target * 1.1);
  }

  @Test
  void theMixedExportIsValidJsonAndTheSummaryTellsTheTruth() {
    assertThat((double) mixed.length).isBetween(6 * MIB * 0.97, 6 * MIB * 1.03);
    assertThat(mixedScan.bytes).isEqualTo(mixed.length);
    assertThat(mixedSummary.conversationBytes()).isEqualTo(mixed.length);
    assertThat(mixedSummary.conversations()).isEqualTo(mixedScan.conversations);
    assertThat(mixedSummary.forkedConversations()).isEqualTo(mixedScan.forked);
    assertThat(mixedSummary.nodes()).isEqualTo(mixedScan.nodes);
    assertThat(mixedSummary.files()).containsExactly("conversations.json");
  }

  @Test
  void aboutSixteenPercentOfConversationsFork() {
    double ratio = mixedScan.forked / (double) mixedScan.conversations;
    assertThat(mixedScan.conversations).isGreaterThan(50);
    assertThat(ratio).isBetween(0.13, 0.19);
  }

  @Test
  void conversationsHaveTwoToFourHundredNodes() throws IOException {
    assertThat(mixedScan.minNodes).isGreaterThanOrEqualTo(2);
    assertThat(mixedScan.maxNodes).isLessThanOrEqualTo(400).isGreaterThan(60);
    double mean = mixedScan.nodes / (double) mixedScan.conversations;
    assertThat(mean).isBetween(10.0, 35.0);
    Scan tiny =
        Scan.of(
            new ByteArrayInputStream(
                json(ExportGenerator.builder().seed(1).targetBytes(50_000).build())));
    assertThat(tiny.minNodes).isGreaterThanOrEqualTo(2);
  }

  @Test
  void everyContentTypeOfTheFormatIsThere() {
    assertThat(mixedScan.contentTypes)
        .containsKeys(
            "text",
            "code",
            "execution_output",
            "tether_browsing_display",
            "tether_quote",
            "multimodal_text",
            "thoughts",
            "reasoning_recap",
            "sonic_webpage",
            "user_editable_context",
            "part:image_asset_pointer",
            "part:audio_transcription",
            "part:audio_asset_pointer",
            "part:real_time_user_audio_video_asset_pointer");
    for (Map.Entry<String, Integer> e : mixedScan.contentTypes.entrySet()) {
      assertThat(mixedSummary.contentTypes().get(e.getKey()))
          .as(e.getKey())
          .isEqualTo(e.getValue().longValue());
    }
  }

  @Test
  void metadataHasCitationsSearchResultsAndAggregateResults() {
    boolean[] seen = new boolean[5];
    for (Map<String, @Nullable Object> c : mixedScan.sample) {
      Scan.objects(
          c,
          o -> {
            seen[0] |= o.get("aggregate_result") instanceof Map<?, ?>;
            seen[1] |= o.get("content_references") instanceof List<?> l && !l.isEmpty();
            seen[2] |= o.get("search_result_groups") instanceof List<?> l && !l.isEmpty();
            seen[3] |= o.get("citations") instanceof List<?> l && !l.isEmpty();
            seen[4] |= Boolean.TRUE.equals(o.get("is_visually_hidden_from_conversation"));
          });
    }
    assertThat(seen).containsOnly(true);
  }

  @ParameterizedTest
  @EnumSource(
      value = Era.class,
      names = {"Y2025", "Y2026"})
  void metadataIsALargeShareOfTheBytesIn2025And2026(Era era) throws IOException {
    byte[] bytes = json(ExportGenerator.builder().seed(3).targetBytes(2 * MIB).era(era).build());
    Scan scan = Scan.of(new ByteArrayInputStream(bytes));
    assertThat(scan.metadataBytes / (double) bytes.length).isGreaterThan(0.35);
  }

  @Test
  void textHasNonAsciiCitationMarkersAndEscapes() {
    String raw = new String(mixed, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(mixedScan.contains("\uE200cite\uE202turn")).isTrue();
    assertThat(mixedScan.contains("\uE201")).isTrue();
    assertThat(mixedScan.contains("é")).isTrue();
    assertThat(mixedScan.contains("ß") || mixedScan.contains("ü")).isTrue();
    assertThat(mixedScan.contains("東京") || mixedScan.contains("北京")).isTrue();
    assertThat(mixedScan.contains("\uD83D")).as("an emoji (a surrogate pair)").isTrue();
    assertThat(mixedScan.contains("\r\n")).isTrue();
    assertThat(mixedScan.contains("\t")).isTrue();
    assertThat(mixedScan.contains("\"")).isTrue();
    assertThat(mixedScan.contains("\\")).isTrue();
    assertThat(raw).contains("\\n", "\\r\\n", "\\t", "\\\"", "\\\\", "\\u");
    assertThat(raw).contains("é", "\uE200");
  }

  @Test
  void keyOrderAndShapeFollowTheEra() throws IOException {
    Scan.of(
        new ByteArrayInputStream(
            json(ExportGenerator.builder().seed(5).targetBytes(MIB).era(Era.Y2026).build())),
        c -> {
          Scan.objects(c, o -> assertThat(Scan.keys(o)).isSorted());
          @SuppressWarnings("unchecked")
          Map<String, @Nullable Object> mapping = (Map<String, @Nullable Object>) c.get("mapping");
          assertThat(mapping).containsKey("client-created-root");
          Scan.objects(mapping, o -> assertThat(o).doesNotContainKey("children"));
          Scan.objects(
              mapping,
              o -> {
                if (o.get("weight") instanceof Scan.Num n) {
                  assertThat(n.integer()).isTrue();
                }
              });
        });
    List<List<String>> conversationKeys = new ArrayList<>();
    Scan.of(
        new ByteArrayInputStream(
            json(ExportGenerator.builder().seed(5).targetBytes(MIB).era(Era.Y2023).build())),
        c -> {
          conversationKeys.add(Scan.keys(c));
          @SuppressWarnings("unchecked")
          Map<String, @Nullable Object> mapping = (Map<String, @Nullable Object>) c.get("mapping");
          assertThat(mapping).doesNotContainKey("client-created-root");
          for (String id : Scan.keys(mapping)) {
            @SuppressWarnings("unchecked")
            Map<String, @Nullable Object> node = (Map<String, @Nullable Object>) mapping.get(id);
            assertThat(Scan.keys(node)).containsExactly("id", "message", "parent", "children");
            if (node.get("message") instanceof Map<?, ?> message
                && message.get("weight") instanceof Scan.Num n) {
              assertThat(n.integer()).isFalse();
              assertThat(n.text()).isIn("1.0", "0.0");
            }
          }
        });
    assertThat(conversationKeys).allSatisfy(keys -> assertThat(keys.get(0)).isEqualTo("title"));
    assertThat(conversationKeys)
        .anySatisfy(keys -> assertThat(keys).isNotEqualTo(keys.stream().sorted().toList()));
  }

  @Test
  void exactlyTheConversationsAskedFor() throws IOException {
    GeneratedExport g =
        ExportGenerator.builder()
            .seed(9)
            .conversations(30)
            .build()
            .writeConversationsJson(new ByteArrayOutputStream());
    assertThat(g.conversations()).isEqualTo(30);
  }

  @Test
  void shardsHoldAHundredConversationsEachAndTheManifestListsThem(@TempDir Path dir)
      throws IOException {
    ExportGenerator generator =
        ExportGenerator.builder().seed(11).targetBytes(12 * MIB).era(Era.Y2026).build();
    GeneratedExport written = generator.writeShards(dir);
    List<String> shards =
        written.files().stream().filter(f -> f.startsWith("conversations-")).toList();
    assertThat(shards).hasSizeGreaterThan(1);
    assertThat(shards.get(0)).isEqualTo("conversations-000.json");
    assertThat(written.files()).contains("export_manifest.json", "user.json");
    int total = 0;
    long bytes = 0;
    for (int i = 0; i < shards.size(); i++) {
      try (InputStream in = Files.newInputStream(dir.resolve(shards.get(i)))) {
        Scan scan = Scan.of(in);
        if (i < shards.size() - 1) {
          assertThat(scan.conversations).isEqualTo(100);
        } else {
          assertThat(scan.conversations).isBetween(1, 100);
        }
        total += scan.conversations;
        bytes += scan.bytes;
      }
    }
    assertThat(total).isEqualTo(written.conversations());
    assertThat(bytes).isEqualTo(written.conversationBytes());
    assertThat(manifestShards(Files.readAllBytes(dir.resolve("export_manifest.json"))))
        .isEqualTo(shards);
    assertThat(user(Files.readAllBytes(dir.resolve("user.json")))).startsWith("user-");
  }

  @Test
  void aZipHoldsTheSameBytesAndIsTheSameEveryTime(@TempDir Path dir) throws IOException {
    ExportGenerator generator = ExportGenerator.builder().seed(42).targetBytes(6 * MIB).build();
    Path a = dir.resolve("a.zip");
    Path b = dir.resolve("b.zip");
    GeneratedExport written = generator.writeZip(a, Layout.CONVERSATIONS_JSON);
    generator.writeZip(b, Layout.CONVERSATIONS_JSON);
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    assertThat(written.files()).containsExactly("conversations.json", "user.json");
    Map<String, byte[]> entries = unzip(a);
    assertThat(entries.keySet()).containsExactly("conversations.json", "user.json");
    assertThat(entries.get("conversations.json")).isEqualTo(mixed);
    assertThat(Files.size(a)).isLessThan(mixed.length / 2);
  }

  @Test
  void aZipOfShardsHasTheManifest(@TempDir Path dir) throws IOException {
    Path zip = dir.resolve("shards.zip");
    ExportGenerator generator =
        ExportGenerator.builder().seed(42).targetBytes(6 * MIB).conversationsPerShard(40).build();
    GeneratedExport written = generator.writeZip(zip, Layout.SHARDS);
    Map<String, byte[]> entries = unzip(zip);
    assertThat(entries.keySet()).containsExactlyElementsOf(written.files());
    List<String> shards = manifestShards(entries.get("export_manifest.json"));
    assertThat(shards).hasSize(written.files().size() - 2);
    int total = 0;
    for (String shard : shards) {
      total += Scan.of(new ByteArrayInputStream(entries.get(shard))).conversations;
    }
    assertThat(total).isEqualTo(written.conversations());
    Path folder = dir.resolve("folder");
    generator.writeShards(folder);
    for (String shard : shards) {
      assertThat(Files.readAllBytes(folder.resolve(shard))).as(shard).isEqualTo(entries.get(shard));
    }
  }

  @Test
  void badSettingsFailAtOnce() {
    assertThatThrownBy(() -> ExportGenerator.builder().targetBytes(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExportGenerator.builder().conversations(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExportGenerator.builder().conversationsPerShard(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Map<String, byte[]> unzip(Path zip) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        out.put(e.getName(), in.readAllBytes());
      }
    }
    return out;
  }

  private static List<String> manifestShards(byte[] manifest) throws IOException {
    List<String> out = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(manifest)) {
      boolean inShards = false;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME && p.currentName().equals("shards")) {
          inShards = true;
        } else if (inShards && t == JsonToken.END_ARRAY) {
          inShards = false;
        } else if (inShards && t == JsonToken.VALUE_STRING) {
          out.add(p.getText());
        }
      }
    }
    return out;
  }

  private static String user(byte[] json) throws IOException {
    try (JsonParser p = new JsonFactory().createParser(json)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME && p.currentName().equals("id")) {
          p.nextToken();
          return p.getText();
        }
      }
    }
    return "";
  }
}
