package io.github.chatexport.benchmarks;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.MessageNode;
import io.github.chatexport.core.ExportReader;
import io.github.chatexport.testdata.generator.Era;
import io.github.chatexport.testdata.generator.ExportGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code activeBranch()}: the tree analysis (parent links, children order, cycle check) and the
 * walk, per conversation, on {@value #CONVERSATIONS} generated conversations. {@code cold} builds a
 * fresh conversation (so nothing is cached) and then asks for its branch; {@code copyOnly} is the
 * fresh conversation alone, to subtract; {@code cached} asks a conversation whose tree was analyzed
 * already.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class ActiveBranchBenchmark {
  static final int CONVERSATIONS = 200;

  private final List<Conversation> conversations = new ArrayList<>();
  private final List<Map<String, MessageNode>> mappings = new ArrayList<>();

  /** Reads the generated conversations once. */
  @Setup
  public void setup() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExportGenerator.builder()
        .seed(11)
        .conversations(CONVERSATIONS)
        .era(Era.MIXED)
        .build()
        .writeConversationsJson(out);
    try (ExportReader reader =
        ExportReader.open(new ByteArrayInputStream(out.toByteArray()), "bench.json")) {
      for (Conversation c : reader) {
        c.activeBranch();
        conversations.add(c);
        mappings.add(new LinkedHashMap<>(c.nodes()));
      }
    }
  }

  /** A fresh conversation (no cached tree), then its active branch. */
  @Benchmark
  @OperationsPerInvocation(CONVERSATIONS)
  public void cold(Blackhole bh) {
    for (int i = 0; i < CONVERSATIONS; i++) {
      bh.consume(conversations.get(i).withNodes(mappings.get(i)).activeBranch());
    }
  }

  /** A fresh conversation only: the part of {@link #cold} that is not the branch. */
  @Benchmark
  @OperationsPerInvocation(CONVERSATIONS)
  public void copyOnly(Blackhole bh) {
    for (int i = 0; i < CONVERSATIONS; i++) {
      bh.consume(conversations.get(i).withNodes(mappings.get(i)));
    }
  }

  /** The active branch of a conversation whose tree is analyzed already. */
  @Benchmark
  @OperationsPerInvocation(CONVERSATIONS)
  public void cached(Blackhole bh) {
    for (int i = 0; i < CONVERSATIONS; i++) {
      bh.consume(conversations.get(i).activeBranch());
    }
  }
}
