package io.github.chatexport.core.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.chatexport.core.internal.zip.ArchiveLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing a source throws nothing: a temporary copy that cannot be deleted (here a non-empty folder
 * in its place, which no delete removes, whoever runs the test) is logged at WARNING and the close
 * goes on.
 */
class CleanupTest {
  private final Logger logger =
      Logger.getLogger(TempFiles.LOGGER); // held: JUL keeps loggers weakly
  private final List<LogRecord> logged = new ArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          synchronized (logged) {
            logged.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @TempDir Path dir;

  private boolean parents;

  @BeforeEach
  void listen() {
    parents = logger.getUseParentHandlers();
    logger.setUseParentHandlers(false); // the expected warnings, not on the console
    logger.addHandler(handler);
  }

  @AfterEach
  void stopListening() {
    logger.removeHandler(handler);
    logger.setUseParentHandlers(parents);
  }

  @Test
  void aZipSourceWhoseCopyCannotBeDeletedClosesAndLogs() throws IOException {
    Path undeletable = undeletable();
    ZipSource source = new ZipSource(zip(), "export.zip", undeletable, ArchiveLimits.DEFAULTS);

    assertThatCode(source::close).doesNotThrowAnyException();
    assertThatCode(source::close).doesNotThrowAnyException();

    assertThat(warnings())
        .hasSize(2)
        .allSatisfy(
            m -> assertThat(m).startsWith("could not delete the temporary copy " + undeletable));
    assertThat(Files.exists(undeletable)).isTrue();
  }

  @Test
  void aSalvagedZipSourceWhoseCopyCannotBeDeletedClosesAndLogs() throws IOException {
    Path undeletable = undeletable();
    SalvagedZipSource source =
        new SalvagedZipSource(zip(), "export.zip", ArchiveLimits.DEFAULTS, w -> {}, undeletable);

    assertThatCode(source::close).doesNotThrowAnyException();

    assertThat(warnings())
        .singleElement()
        .satisfies(
            m -> assertThat(m).startsWith("could not delete the temporary copy " + undeletable));
  }

  @Test
  void aNestedSourceClosesEveryInnerArchiveAndTheOuterOne() throws IOException {
    Path outerZip = dir.resolve("outer.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(outerZip))) {
      out.putNextEntry(new ZipEntry("part-1.zip"));
      out.write(Files.readAllBytes(zip()));
      out.closeEntry();
      out.putNextEntry(new ZipEntry("part-2.zip"));
      out.write(Files.readAllBytes(zip()));
      out.closeEntry();
    }
    Path outerUndeletable = undeletable();
    ZipSource outer =
        new ZipSource(outerZip, "outer.zip", outerUndeletable, ArchiveLimits.DEFAULTS);
    NestedSource nested =
        NestedSource.open(outer, NestedSource.innerArchives(outer), ArchiveLimits.DEFAULTS);

    assertThatCode(nested::close).doesNotThrowAnyException();

    assertThat(warnings())
        .singleElement()
        .satisfies(
            m ->
                assertThat(m)
                    .startsWith("could not delete the temporary copy " + outerUndeletable));
  }

  @Test
  void aFileThatIsGoneIsNoFailure() {
    assertThat(TempFiles.delete(dir.resolve("never-created.zip"))).isTrue();
    assertThat(warnings()).isEmpty();
  }

  private List<String> warnings() {
    synchronized (logged) {
      return logged.stream()
          .filter(r -> Level.WARNING.equals(r.getLevel()))
          .map(LogRecord::getMessage)
          .toList();
    }
  }

  /** A path that {@code Files.deleteIfExists} cannot remove: a folder that holds a file. */
  private Path undeletable() throws IOException {
    Path folder = Files.createTempDirectory(dir, "copy");
    Files.writeString(folder.resolve("inside"), "x");
    return folder;
  }

  private Path zip() throws IOException {
    Path zip = Files.createTempFile(dir, "export", ".zip");
    try (OutputStream file = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(file)) {
      out.putNextEntry(new ZipEntry("conversations.json"));
      out.write("[]".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return zip;
  }
}
