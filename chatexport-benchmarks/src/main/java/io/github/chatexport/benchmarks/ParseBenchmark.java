package io.github.chatexport.benchmarks;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.core.ExportReader;
import io.github.chatexport.testdata.generator.Era;
import io.github.chatexport.testdata.generator.ExportGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parsing conversations, in memory: ExportReader's records against the tokenizer floor and
 * databind's trees, per conversation (the same {@value #CONVERSATIONS} generated conversations,
 * about 1 MB, each invocation; the setup prints their size so that the scores convert to MB/s).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class ParseBenchmark {
  static final int CONVERSATIONS = 20;

  /**
   * The shape of the conversations: insertion order (2023) or sorted keys, metadata-heavy (2026).
   */
  @Param({"Y2023", "Y2026"})
  public String era = "Y2026";

  private byte[] json = new byte[0];

  /** Generates the conversations. */
  @Setup
  public void setup() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExportGenerator.builder()
        .seed(7)
        .conversations(CONVERSATIONS)
        .era(Era.valueOf(era))
        .build()
        .writeConversationsJson(out);
    json = out.toByteArray();
    System.out.printf(
        "%n%s: %d conversations, %d bytes (ops/s x %d = bytes/s)%n",
        era, CONVERSATIONS, json.length, json.length / CONVERSATIONS);
  }

  /** The floor: every token, nothing built. */
  @Benchmark
  @OperationsPerInvocation(CONVERSATIONS)
  public long floor() throws IOException {
    return Passes.floor(new ByteArrayInputStream(json));
  }

  /** ExportReader: records for every conversation, every field kept. */
  @Benchmark
  @OperationsPerInvocation(CONVERSATIONS)
  public void exportReader(Blackhole bh) throws IOException {
    try (ExportReader reader = ExportReader.open(new ByteArrayInputStream(json), "bench.json")) {
      for (Conversation c : reader) {
        bh.consume(c);
      }
    }
  }

  /** jackson-databind: a tree per conversation and its active branch. */
  @Benchmark
  @OperationsPerInvocation(CONVERSATIONS)
  public long databind() throws IOException {
    return Passes.databind(new ByteArrayInputStream(json));
  }
}
