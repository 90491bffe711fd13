package io.github.chatexport.benchmarks;

import io.github.chatexport.testdata.generator.Era;
import io.github.chatexport.testdata.generator.ExportGenerator;
import io.github.chatexport.testdata.generator.GeneratedExport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Properties;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The generated export a measurement reads, made once and kept in a cache folder (by default {@code
 * chatexport-benchmarks/target/compare-cache}); its name holds the size, seed, era and a checksum
 * of the generator's classes, so that a changed generator makes a new file.
 *
 * @param json the {@code conversations.json}
 * @param zip a ZIP holding that same file as {@code conversations.json} (deflated), or null if not
 *     asked for
 * @param conversations how many conversations
 * @param forked how many of them fork
 * @param nodes how many nodes in all
 */
record Inputs(Path json, Path zip, int conversations, int forked, long nodes) {
  private static final String[] GENERATOR_CLASSES = {
    "ExportGenerator",
    "ExportGenerator$Builder",
    "ConversationMaker",
    "Texts",
    "TreeWriter",
    "Rng",
    "Obj",
    "Era"
  };

  long bytes() throws IOException {
    return Files.size(json);
  }

  /** The folder under this module's {@code target/}, else under the temporary folder. */
  static Path defaultCache() {
    try {
      CodeSource source = Inputs.class.getProtectionDomain().getCodeSource();
      if (source != null) {
        Path classes = Path.of(source.getLocation().toURI());
        Path target = classes.getParent();
        if (Files.isDirectory(classes)
            && target != null
            && target.getFileName() != null
            && target.getFileName().toString().equals("target")) {
          return target.resolve("compare-cache");
        }
      }
    } catch (URISyntaxException | RuntimeException e) {
      // fall through
    }
    return Path.of(System.getProperty("java.io.tmpdir"), "chatexport-compare-cache");
  }

  /** The export of {@code size} bytes, generated into {@code cache} unless it is there already. */
  static Inputs prepare(Path cache, long size, long seed, Era era, boolean withZip, PrintStream log)
      throws IOException {
    Files.createDirectories(cache);
    String base =
        "export-"
            + Sizes.name(size)
            + "-seed"
            + seed
            + "-"
            + era.name().toLowerCase(java.util.Locale.ROOT)
            + "-"
            + generatorChecksum();
    Path json = cache.resolve(base + ".json");
    Path zip = cache.resolve(base + ".zip");
    Path facts = cache.resolve(base + ".properties");
    Properties p = new Properties();
    if (Files.exists(json) && Files.exists(facts)) {
      try (Reader in = Files.newBufferedReader(facts, StandardCharsets.UTF_8)) {
        p.load(in);
      }
      log.println("reusing " + json);
    } else {
      log.println(
          "generating "
              + Sizes.name(size)
              + " (seed "
              + seed
              + ", "
              + era
              + ") into "
              + json
              + " ...");
      long start = System.nanoTime();
      Path tmp = cache.resolve(base + ".json.tmp");
      GeneratedExport written =
          ExportGenerator.builder()
              .seed(seed)
              .targetBytes(size)
              .era(era)
              .build()
              .writeConversationsJson(tmp);
      Files.move(tmp, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      log.printf(
          java.util.Locale.ROOT,
          "  %d conversations, %.1f MB in %.1f s%n",
          written.conversations(),
          Sizes.mb(written.conversationBytes()),
          (System.nanoTime() - start) / 1e9);
      p.setProperty("conversations", Integer.toString(written.conversations()));
      p.setProperty("forked", Integer.toString(written.forkedConversations()));
      p.setProperty("nodes", Long.toString(written.nodes()));
      for (Map.Entry<String, Long> e : written.contentTypes().entrySet()) {
        p.setProperty("type." + e.getKey(), e.getValue().toString());
      }
      try (Writer out = Files.newBufferedWriter(facts, StandardCharsets.UTF_8)) {
        p.store(out, "what the generator wrote into " + json.getFileName());
      }
    }
    if (withZip && !Files.exists(zip)) {
      log.println("zipping it into " + zip + " ...");
      Path tmp = cache.resolve(base + ".zip.tmp");
      zip(json, tmp);
      Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    return new Inputs(
        json,
        zip,
        Integer.parseInt(p.getProperty("conversations", "0")),
        Integer.parseInt(p.getProperty("forked", "0")),
        Long.parseLong(p.getProperty("nodes", "0")));
  }

  /** Deflates {@code json} into a ZIP as its only entry, {@code conversations.json}. */
  private static void zip(Path json, Path zip) throws IOException {
    try (OutputStream file = Files.newOutputStream(zip);
        ZipOutputStream out =
            new ZipOutputStream(new java.io.BufferedOutputStream(file, 1 << 16))) {
      ZipEntry entry = new ZipEntry("conversations.json");
      entry.setTimeLocal(LocalDateTime.of(2026, 1, 1, 0, 0));
      out.putNextEntry(entry);
      Files.copy(json, out);
      out.closeEntry();
    }
  }

  private static String generatorChecksum() throws IOException {
    CRC32 crc = new CRC32();
    for (String name : GENERATOR_CLASSES) {
      try (InputStream in = ExportGenerator.class.getResourceAsStream(name + ".class")) {
        if (in != null) {
          crc.update(in.readAllBytes());
        }
      }
    }
    return String.format("%08x", crc.getValue());
  }
}
