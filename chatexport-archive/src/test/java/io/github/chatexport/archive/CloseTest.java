package io.github.chatexport.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ChatArchive.close()} throws nothing: a part that fails to close is logged and the rest
 * still closes.
 */
class CloseTest {
  private final Logger logger =
      Logger.getLogger("io.github.chatexport.archive"); // held: JUL keeps it weakly
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
  private boolean parents;

  @TempDir Path dir;

  @BeforeEach
  void listen() {
    parents = logger.getUseParentHandlers();
    logger.setUseParentHandlers(false);
    logger.addHandler(handler);
  }

  @AfterEach
  void stopListening() {
    logger.removeHandler(handler);
    logger.setUseParentHandlers(parents);
  }

  @Test
  void aStatementThatFailsToCloseIsLoggedAndTheConnectionStillCloses() throws Exception {
    ChatArchive archive = ChatArchive.open(dir.resolve("archive.sqlite"));
    statements(archive).put("broken", failingStatement());

    assertThatCode(archive::close).doesNotThrowAnyException();
    assertThatCode(archive::close).doesNotThrowAnyException();

    assertThat(connection(archive).isClosed()).isTrue();
    assertThat(warnings())
        .singleElement()
        .satisfies(
            m ->
                assertThat(m)
                    .isEqualTo(
                        "the archive "
                            + dir.resolve("archive.sqlite")
                            + ": could not release a prepared statement: "
                            + "java.sql.SQLException: statement already broken"));
  }

  @Test
  void aConnectionClosedUnderneathIsLoggedNotThrown() throws Exception {
    ChatArchive archive = ChatArchive.open(dir.resolve("archive.sqlite"));
    connection(archive).close();

    assertThatCode(archive::close).doesNotThrowAnyException();

    assertThat(warnings())
        .singleElement()
        .satisfies(
            m ->
                assertThat(m)
                    .startsWith(
                        "the archive "
                            + dir.resolve("archive.sqlite")
                            + ": could not release the open transaction: "));
  }

  @Test
  void aTemporaryFileThatCannotBeDeletedIsLogged() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("busy"));
    Files.writeString(folder.resolve("inside"), "x");

    assertThatCode(() -> ChatArchive.deleteTemporary(folder)).doesNotThrowAnyException();

    assertThat(warnings())
        .singleElement()
        .satisfies(
            m ->
                assertThat(m)
                    .startsWith(
                        "could not delete the temporary file "
                            + folder
                            + ": java.nio.file.DirectoryNotEmptyException"));
  }

  private List<String> warnings() {
    synchronized (logged) {
      return logged.stream()
          .filter(r -> Level.WARNING.equals(r.getLevel()))
          .map(LogRecord::getMessage)
          .toList();
    }
  }

  private static PreparedStatement failingStatement() {
    return (PreparedStatement)
        Proxy.newProxyInstance(
            CloseTest.class.getClassLoader(),
            new Class<?>[] {PreparedStatement.class},
            (proxy, method, args) -> {
              if (method.getName().equals("close")) {
                throw new SQLException("statement already broken");
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  @SuppressWarnings("unchecked")
  private static Map<String, PreparedStatement> statements(ChatArchive archive)
      throws ReflectiveOperationException {
    Field f = ChatArchive.class.getDeclaredField("statements");
    f.setAccessible(true);
    return (Map<String, PreparedStatement>) f.get(archive);
  }

  private static Connection connection(ChatArchive archive) throws ReflectiveOperationException {
    Field f = ChatArchive.class.getDeclaredField("connection");
    f.setAccessible(true);
    return (Connection) f.get(archive);
  }
}
