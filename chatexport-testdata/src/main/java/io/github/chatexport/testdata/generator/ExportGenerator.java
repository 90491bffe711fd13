package io.github.chatexport.testdata.generator;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Writes synthetic ChatGPT exports of any size, shaped like real ones, for load tests and
 * benchmarks: the same seed and settings give the same bytes, on every platform and JVM.
 *
 * <pre>{@code
 * ExportGenerator generator = ExportGenerator.builder().seed(42).targetBytes(100L << 20).era(Era.MIXED).build();
 * GeneratedExport written = generator.writeConversationsJson(dir.resolve("conversations.json"));
 * generator.writeShards(dir.resolve("export"));                       // 2026 layout, a folder
 * generator.writeZip(dir.resolve("export.zip"), Layout.CONVERSATIONS_JSON);
 * }</pre>
 *
 * <p>Use it in your own tests with the {@code chatexport-testdata} artifact in {@code
 * <scope>test</scope>}; it needs only jackson-core. {@link GeneratedExport} tells what was written
 * (conversations, forks, nodes, content types), so a reader's results can be checked against it.
 *
 * <p>What the conversations hold, as FORMAT.md describes real exports:
 *
 * <ul>
 *   <li>every content type of the era ({@link Era}): {@code text}, {@code code}, {@code
 *       execution_output} (with {@code metadata.aggregate_result}), {@code
 *       tether_browsing_display}, {@code tether_quote}, {@code multimodal_text} with image and
 *       voice parts ({@code image_asset_pointer}, {@code audio_transcription}, {@code
 *       audio_asset_pointer}, {@code real_time_user_audio_video_asset_pointer}), {@code thoughts},
 *       {@code reasoning_recap}, {@code sonic_webpage}, {@code user_editable_context}, {@code
 *       model_editable_context};
 *   <li>2 to 400 nodes per conversation (about 20 on average; a 2026 audit found about 10 messages
 *       per conversation), with a root, hidden system nodes and custom instructions, and about half
 *       of the nodes hidden (tool calls, tool output, reasoning);
 *   <li>forks (edits and regenerations) in 16% of conversations (4 in every 25), the active branch
 *       being the newer one most of the time;
 *   <li>long metadata: citations, {@code content_references} and {@code search_result_groups}, a
 *       large share of the bytes of 2025–26 conversations;
 *   <li>text in several languages and scripts (accents, Cyrillic, CJK, emoji with ZWJ sequences and
 *       skin tones), the private-use citation markers U+E200, U+E201, U+E202, and strings with
 *       quotes, backslashes, {@code \n}, {@code \r\n} and {@code \t}; 12% of conversations escape
 *       every non-ASCII character as {@code \}{@code uXXXX};
 *   <li>float-seconds timestamps written as Python writes them ({@code 1695326273.968528}, {@code
 *       1682606050.0}), and Python's separators ({@code ", "}, {@code ": "}) on a single line.
 * </ul>
 *
 * <p>Output is streamed: one conversation is in memory at a time, so exports of many gigabytes can
 * be written in a small heap. The size is met to within a few percent: generation stops at the
 * first conversation that reaches {@link Builder#targetBytes(long) targetBytes} of conversation
 * JSON (uncompressed), and the last conversations are made smaller so as not to overshoot it.
 * Generation runs at tens of MB/s.
 *
 * <p>An instance is immutable and safe to share; every {@code write…} call writes the same export
 * again.
 */
public final class ExportGenerator {
  private static final long STREAM_CONVERSATIONS = 1;
  private static final long STREAM_FORKS = 2;
  private static final long STREAM_ACCOUNT = 3;
  private static final int FORK_BLOCK = 25;
  private static final int FORKS_PER_BLOCK = 4;
  private static final LocalDateTime ZIP_TIME = LocalDateTime.of(2026, 1, 1, 0, 0);
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
          .build();

  private final long seed;
  private final long targetBytes;
  private final int conversations;
  private final Era era;
  private final int conversationsPerShard;

  private ExportGenerator(Builder b) {
    this.seed = b.seed;
    this.targetBytes = b.targetBytes;
    this.conversations = b.conversations;
    this.era = b.era;
    this.conversationsPerShard = b.conversationsPerShard;
  }

  /** Settings, all optional: seed 0, 1 MiB, {@link Era#MIXED}, 100 conversations per shard. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Writes every conversation to one {@code conversations.json} file at {@code file} (created or
   * replaced).
   *
   * @throws IOException if the file cannot be written
   */
  public GeneratedExport writeConversationsJson(Path file) throws IOException {
    requireNonNull(file, "file");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      Path name = file.getFileName();
      return generate(
          fileName -> out, name == null ? "conversations.json" : name.toString(), false);
    }
  }

  /**
   * Writes every conversation, as one {@code conversations.json} array, to {@code out}, which stays
   * open (it is flushed).
   *
   * @throws IOException if {@code out} fails
   */
  public GeneratedExport writeConversationsJson(OutputStream out) throws IOException {
    requireNonNull(out, "out");
    GeneratedExport written = generate(fileName -> out, "conversations.json", false);
    out.flush();
    return written;
  }

  /**
   * Writes a 2026 export folder: {@code conversations-000.json}, … with {@link
   * Builder#conversationsPerShard(int)} conversations each, {@code export_manifest.json} listing
   * them, and {@code user.json}. The folder is created if needed; files of the same names are
   * replaced.
   *
   * @throws IOException if a file cannot be written
   */
  public GeneratedExport writeShards(Path dir) throws IOException {
    requireNonNull(dir, "dir");
    Files.createDirectories(dir);
    List<OutputStream> open = new ArrayList<>(1);
    try {
      return generateWithOtherFiles(
          name -> {
            closeAll(open);
            OutputStream out =
                new BufferedOutputStream(Files.newOutputStream(dir.resolve(name)), 1 << 16);
            open.add(out);
            return out;
          },
          Layout.SHARDS);
    } finally {
      closeAll(open);
    }
  }

  /**
   * Writes a ZIP like the one chatgpt.com mails: the conversations in {@code layout}, plus {@code
   * user.json} (and {@code export_manifest.json} for shards). Entries are deflated and dated
   * 2026-01-01 00:00 so that the archive is the same byte for byte every time.
   *
   * @throws IOException if the file cannot be written
   */
  public GeneratedExport writeZip(Path zip, Layout layout) throws IOException {
    requireNonNull(zip, "zip");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(zip), 1 << 16)) {
      return writeZip(out, layout);
    }
  }

  /**
   * Writes the ZIP of {@link #writeZip(Path, Layout)} to {@code out}, which stays open (it is
   * flushed).
   *
   * @throws IOException if {@code out} fails
   */
  public GeneratedExport writeZip(OutputStream out, Layout layout) throws IOException {
    requireNonNull(out, "out");
    requireNonNull(layout, "layout");
    ZipOutputStream zip = new ZipOutputStream(new KeepOpen(out));
    boolean[] inEntry = {false};
    GeneratedExport written =
        generateWithOtherFiles(
            name -> {
              if (inEntry[0]) {
                zip.closeEntry();
              }
              ZipEntry entry = new ZipEntry(name);
              entry.setTimeLocal(ZIP_TIME);
              zip.putNextEntry(entry);
              inEntry[0] = true;
              return new KeepOpen(zip);
            },
            layout);
    if (inEntry[0]) {
      zip.closeEntry();
    }
    zip.finish();
    zip.flush();
    out.flush();
    return written;
  }

  // ---------------------------------------------------------------- generation

  /**
   * Where files go: {@link #open} returns the stream of a new file, which ends when the next one
   * opens.
   */
  @FunctionalInterface
  private interface Sink {
    OutputStream open(String name) throws IOException;
  }

  private static void closeAll(List<OutputStream> open) throws IOException {
    for (OutputStream out : open) {
      out.close();
    }
    open.clear();
  }

  private GeneratedExport generateWithOtherFiles(Sink files, Layout layout) throws IOException {
    GeneratedExport conversationFiles =
        layout == Layout.SHARDS
            ? generate(files, null, true)
            : generate(files, "conversations.json", false);
    List<String> names = new ArrayList<>(conversationFiles.files());
    if (layout == Layout.SHARDS) {
      writeSmall(files, "export_manifest.json", manifest(conversationFiles.files()));
      names.add("export_manifest.json");
    }
    writeSmall(files, "user.json", account());
    names.add("user.json");
    return new GeneratedExport(
        names,
        conversationFiles.conversations(),
        conversationFiles.forkedConversations(),
        conversationFiles.nodes(),
        conversationFiles.conversationBytes(),
        conversationFiles.contentTypes());
  }

  private static void writeSmall(Sink files, String name, Obj json) throws IOException {
    OutputStream out = files.open(name);
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.setPrettyPrinter(TreeWriter.PythonSeparators.INSTANCE);
      TreeWriter.write(g, json, false, false);
    }
    out.flush();
  }

  private static Obj manifest(List<String> shards) {
    List<@Nullable Object> list = new ArrayList<>();
    for (String shard : shards) {
      list.add(new Obj().put("name", shard));
    }
    return new Obj()
        .put("version", 1)
        .put(
            "files",
            Obj.list(
                new Obj().put("name", "conversations.json").put("shards", list),
                new Obj().put("name", "user.json")));
  }

  private Obj account() {
    Rng r = Rng.of(seed, STREAM_ACCOUNT, 0);
    StringBuilder id = new StringBuilder("user-");
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < 24; i++) {
      id.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return new Obj()
        .put("id", id.toString())
        .put("email", "synthetic.user." + r.between(100, 999) + "@example.com")
        .put("chatgpt_plus_user", r.chance(0.5))
        .put("birth_year", null)
        .put("phone_number", null);
  }

  /**
   * Writes the conversations: to one file named {@code single}, or to shards. Conversation {@code
   * i} depends only on the seed, {@code i} and (for the last few, made smaller to meet the size)
   * the bytes written before it.
   */
  private GeneratedExport generate(Sink files, @Nullable String single, boolean shards)
      throws IOException {
    Map<String, long[]> contentTypes = new HashMap<>();
    List<String> names = new ArrayList<>();
    double[] bytesPerNode = {1800, 1800, 2600, 2600};
    long[] nodesPerYear = {20, 20, 20, 20};
    long[] bytesPerYear = new long[4];
    for (int y = 0; y < 4; y++) {
      bytesPerYear[y] = (long) (bytesPerNode[y] * nodesPerYear[y]);
    }
    long closedBytes = 0;
    int index = 0;
    int forked = 0;
    long nodes = 0;
    boolean[] forkPlan = new boolean[FORK_BLOCK];
    JsonGenerator g = null;
    CountingOutputStream counting = null;
    while (conversations > 0
        ? index < conversations
        : closedBytes + (counting == null ? 0 : counting.count()) < targetBytes) {
      if (g == null) {
        String name =
            shards
                ? String.format("conversations-%03d.json", names.size())
                : requireNonNull(single);
        names.add(name);
        counting = new CountingOutputStream(files.open(name));
        g = FACTORY.createGenerator(counting, JsonEncoding.UTF8);
        g.setPrettyPrinter(TreeWriter.PythonSeparators.INSTANCE);
        g.writeStartArray();
      }
      CountingOutputStream open = requireNonNull(counting); // set with g
      if (index % FORK_BLOCK == 0) {
        planForks(index / FORK_BLOCK, forkPlan);
      }
      Rng r = Rng.of(seed, STREAM_CONVERSATIONS, index);
      int year = era.year(r);
      int y = year - 2023;
      int maxNodes = nodeCount(r);
      boolean fork = forkPlan[index % FORK_BLOCK];
      if (fork) {
        maxNodes = Math.max(maxNodes, 8);
      }
      if (conversations <= 0) {
        long remaining = targetBytes - closedBytes - open.count();
        long affordable = (long) (remaining / (bytesPerYear[y] / (double) nodesPerYear[y]));
        maxNodes = (int) Math.max(2, Math.min(maxNodes, affordable));
      }
      ConversationMaker.Made made =
          new ConversationMaker(r, year, contentTypes).make(maxNodes, fork);
      long before = open.count();
      TreeWriter.write(g, made.json(), made.sortedKeys(), made.asciiOnly());
      g.flush();
      bytesPerYear[y] += open.count() - before;
      nodesPerYear[y] += made.nodes();
      nodes += made.nodes();
      forked += made.forked() ? 1 : 0;
      index++;
      if (shards && index % conversationsPerShard == 0) {
        g.writeEndArray();
        g.close();
        closedBytes += open.count();
        g = null;
        counting = null;
      }
    }
    if (g != null) {
      g.writeEndArray();
      g.close();
      closedBytes += requireNonNull(counting).count();
    }
    return new GeneratedExport(
        names, index, forked, nodes, closedBytes, ConversationMaker.snapshot(contentTypes));
  }

  /**
   * Marks which conversations of block {@code block} fork: exactly 4 of 25, at positions drawn from
   * the seed.
   */
  private void planForks(int block, boolean[] plan) {
    Rng r = Rng.of(seed, STREAM_FORKS, block);
    Arrays.fill(plan, false);
    for (int placed = 0; placed < FORKS_PER_BLOCK; ) {
      int i = r.nextInt(FORK_BLOCK);
      if (!plan[i]) {
        plan[i] = true;
        placed++;
      }
    }
  }

  /** The node budget of a conversation: mostly short, a long tail up to 400. */
  private static int nodeCount(Rng r) {
    int u = r.nextInt(100);
    if (u < 20) {
      return r.between(2, 5);
    }
    if (u < 70) {
      return r.between(6, 14);
    }
    if (u < 92) {
      return r.between(15, 40);
    }
    if (u < 99) {
      return r.between(41, 150);
    }
    return r.between(151, 400);
  }

  @Override
  public String toString() {
    return "ExportGenerator[seed "
        + seed
        + ", "
        + (conversations > 0 ? conversations + " conversations" : targetBytes + " bytes")
        + ", "
        + era
        + "]";
  }

  /**
   * An output stream whose {@code close()} only flushes: the stream below belongs to someone else.
   */
  private static final class KeepOpen extends FilterOutputStream {
    KeepOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }

  /** Settings of an {@link ExportGenerator}. */
  public static final class Builder {
    private long seed;
    private long targetBytes = 1L << 20;
    private int conversations;
    private Era era = Era.MIXED;
    private int conversationsPerShard = 100;

    private Builder() {}

    /** The seed: the same seed and settings give the same export (default 0). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * The size of the conversation JSON to write, uncompressed, in bytes (default 1 MiB); met to
     * within a few percent (a ZIP is smaller). Replaces {@link #conversations(int)}.
     */
    public Builder targetBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("bytes must be positive: " + bytes);
      }
      this.targetBytes = bytes;
      this.conversations = 0;
      return this;
    }

    /**
     * Exactly this many conversations, whatever their size. Replaces {@link #targetBytes(long)}.
     */
    public Builder conversations(int count) {
      if (count <= 0) {
        throw new IllegalArgumentException("count must be positive: " + count);
      }
      this.conversations = count;
      return this;
    }

    /** The shape of the conversations (default {@link Era#MIXED}). */
    public Builder era(Era era) {
      this.era = requireNonNull(era, "era");
      return this;
    }

    /** Conversations per shard in {@link Layout#SHARDS} (default 100, as in real 2026 exports). */
    public Builder conversationsPerShard(int count) {
      if (count <= 0) {
        throw new IllegalArgumentException("count must be positive: " + count);
      }
      this.conversationsPerShard = count;
      return this;
    }

    /** The generator. */
    public ExportGenerator build() {
      return new ExportGenerator(this);
    }
  }
}
