package io.github.chatexport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chatexport.api.Conversation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A writer's close writes the last bytes: a failure there is data loss and is thrown, once. */
class ExportWriterCloseTest {

  /** A target whose flush fails, as a full disk or a closed channel does. */
  private static final class FailingFlush extends OutputStream {
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    boolean fail = true;

    @Override
    public void write(int b) {
      written.write(b);
    }

    @Override
    public void flush() throws IOException {
      if (fail) {
        throw new IOException("No space left on device");
      }
    }
  }

  @Test
  void aFailureToFinishIsThrownOnceAndTheWriterIsClosed() throws IOException {
    FailingFlush target = new FailingFlush();
    ExportWriter writer = ExportWriter.open(target);
    writer.write(Conversation.of("c1", "t", List.of()));

    assertThatThrownBy(writer::close)
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("the export could not be finished")
        .hasRootCauseMessage("No space left on device");
    target.fail = false;
    assertThatCode(writer::close).doesNotThrowAnyException();
    assertThatThrownBy(() -> writer.write(Conversation.of("c2", "t", List.of())))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aCloseThatSucceedsFlushesTheWholeDocument() throws IOException {
    FailingFlush target = new FailingFlush();
    target.fail = false;
    try (ExportWriter writer = ExportWriter.open(target)) {
      writer.write(Conversation.of("c1", "t", List.of()));
    }

    assertThat(target.written.toString(StandardCharsets.UTF_8)).startsWith("[{").endsWith("}]");
  }
}
