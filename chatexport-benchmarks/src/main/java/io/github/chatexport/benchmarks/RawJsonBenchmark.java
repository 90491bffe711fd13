package io.github.chatexport.benchmarks;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.chatexport.api.RawJson;
import io.github.chatexport.core.ExportReader;
import io.github.chatexport.testdata.generator.Era;
import io.github.chatexport.testdata.generator.ExportGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link RawJson} capture, the way the reader keeps metadata and unknown fields: the metadata
 * objects of 200 generated 2025 conversations (citations, content references, search results),
 * gathered into one array file and read whole with {@link ExportReader#json(String)}, against the
 * floor over the same file. Scores are files per second; the setup prints the file's size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class RawJsonBenchmark {
  private Path dir = Path.of(".");
  private Path metadata = Path.of(".");
  private @Nullable ExportReader reader;

  /** Gathers the metadata objects into {@code metadata.json} of a temporary export folder. */
  @Setup
  public void setup() throws IOException {
    dir = Files.createTempDirectory("chatexport-rawjson-");
    metadata = dir.resolve("metadata.json");
    Files.writeString(dir.resolve("conversations.json"), "[]");
    ByteArrayOutputStream conversations = new ByteArrayOutputStream();
    ExportGenerator.builder()
        .seed(5)
        .conversations(200)
        .era(Era.Y2025)
        .build()
        .writeConversationsJson(conversations);
    int objects = 0;
    try (JsonParser p = Passes.FACTORY.createParser(conversations.toByteArray());
        OutputStream out = Files.newOutputStream(metadata);
        JsonGenerator g = Passes.FACTORY.createGenerator(out)) {
      g.writeStartArray();
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME
            && p.currentName().equals("metadata")
            && p.getParsingContext().getParent().getCurrentName() != null
            && p.getParsingContext().getParent().getCurrentName().equals("message")
            && p.nextToken() == JsonToken.START_OBJECT) {
          g.copyCurrentStructure(p);
          objects++;
        }
      }
      g.writeEndArray();
    }
    reader = ExportReader.open(dir);
    System.out.printf("%nmetadata.json: %d objects, %d bytes%n", objects, Files.size(metadata));
  }

  /** Closes the reader and deletes the folder. */
  @TearDown
  public void tearDown() throws IOException {
    if (reader != null) {
      reader.close();
    }
    Files.deleteIfExists(metadata);
    Files.deleteIfExists(dir.resolve("conversations.json"));
    Files.deleteIfExists(dir);
  }

  /** The file as a {@link RawJson} tree. */
  @Benchmark
  public RawJson capture() {
    return requireNonNull(reader).json("metadata.json").orElseThrow();
  }

  /** The floor over the same file. */
  @Benchmark
  public long floor() throws IOException {
    try (InputStream in = Files.newInputStream(metadata)) {
      return Passes.floor(in);
    }
  }
}
