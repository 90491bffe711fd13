package io.github.chatexport.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.chatexport.api.Branch;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.core.ExportReader;
import io.github.chatexport.core.ExportWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The ways of reading an export that are compared. Each reads everything and returns a checksum of
 * what it saw, so that nothing can be optimized away.
 */
final class Passes {
  /** A factory with jackson-core's defaults, as a developer would make it. */
  static final JsonFactory FACTORY = new JsonFactory();

  static final ObjectMapper MAPPER = new ObjectMapper();

  private Passes() {}

  /**
   * The floor: every token, with {@code getText()} on every field name and string, {@code
   * getDoubleValue()} on every float and {@code getLongValue()} on every integer; nothing is built.
   */
  static long floor(InputStream in) throws IOException {
    long sum = 0;
    try (JsonParser p = FACTORY.createParser(in)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        switch (t) {
          case FIELD_NAME, VALUE_STRING -> sum += p.getText().length();
          case VALUE_NUMBER_INT ->
              sum +=
                  p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                      ? p.getBigIntegerValue().bitLength()
                      : p.getLongValue();
          case VALUE_NUMBER_FLOAT -> sum += (long) p.getDoubleValue();
          default -> sum++;
        }
      }
    }
    return sum;
  }

  /** Reads and drops the bytes (for the inflater's own speed). */
  static long drain(InputStream in) throws IOException {
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      total += n;
    }
    return total;
  }

  /**
   * What a careful developer writes with jackson-databind: stream the array, {@code readTree} each
   * conversation, then walk {@code parent} links from {@code current_node} (with a visited set) to
   * get the active branch.
   */
  static long databind(InputStream in) throws IOException {
    long sum = 0;
    try (JsonParser p = MAPPER.getFactory().createParser(in)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new IOException("expected an array of conversations");
      }
      while (p.nextToken() == JsonToken.START_OBJECT) {
        JsonNode conversation = MAPPER.readTree(p);
        sum += activeBranch(conversation).size();
      }
    }
    return sum;
  }

  static List<JsonNode> activeBranch(JsonNode conversation) {
    JsonNode mapping = conversation.path("mapping");
    List<JsonNode> messages = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String id = conversation.path("current_node").textValue();
    while (id != null && seen.add(id)) {
      JsonNode node = mapping.get(id);
      if (node == null) {
        break;
      }
      JsonNode message = node.get("message");
      if (message != null && !message.isNull()) {
        messages.add(message);
      }
      id = node.path("parent").textValue();
    }
    Collections.reverse(messages);
    return messages;
  }

  /** chatexport: every conversation as records, with its active branch. */
  static long reader(ExportReader.Builder builder, Path export) throws IOException {
    long sum = 0;
    try (ExportReader reader = builder.open(export)) {
      for (Conversation c : reader) {
        Branch branch = c.activeBranch();
        sum += branch.messages().size() + c.nodes().size();
      }
    }
    return sum;
  }

  /**
   * The ceiling of parallel reading on this machine: {@code n} serial readers at once, on {@code n}
   * threads, each reading the whole file as pass 3 does. Nothing is cut, handed over or put back in
   * order.
   */
  static long independent(ExportReader.Builder builder, Path export, int n) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<Long>> runs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        runs.add(pool.submit(() -> reader(builder, export)));
      }
      long sum = 0;
      for (Future<Long> run : runs) {
        sum += run.get();
      }
      return sum;
    } finally {
      pool.shutdown();
    }
  }

  /**
   * chatexport: every conversation read as records and written back as the export's JSON by {@link
   * ExportWriter}, into a stream that counts and drops the bytes.
   */
  static long readWrite(ExportReader.Builder builder, Path export) throws IOException {
    long[] written = new long[1];
    java.io.OutputStream sink =
        new java.io.OutputStream() {
          @Override
          public void write(int b) {
            written[0]++;
          }

          @Override
          public void write(byte[] b, int off, int len) {
            written[0] += len;
          }
        };
    try (ExportReader reader = builder.open(export);
        ExportWriter writer = ExportWriter.open(sink)) {
      for (Conversation c : reader) {
        writer.write(c);
      }
    }
    return written[0];
  }

  /** The stream of {@code conversations.json} in a ZIP, inflated as it is read. */
  static long inZip(Path zip, ZipBody body) throws IOException {
    try (ZipFile file = new ZipFile(zip.toFile())) {
      ZipEntry entry = file.getEntry("conversations.json");
      if (entry == null) {
        throw new IOException("no conversations.json in " + zip);
      }
      try (InputStream in = file.getInputStream(entry)) {
        return body.read(in);
      }
    }
  }

  /** Something that reads a stream. */
  @FunctionalInterface
  interface ZipBody {
    long read(InputStream in) throws IOException;
  }
}
