package io.github.chatexport.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.archive.internal.Sha;
import io.github.chatexport.testdata.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export of a size the archive has not seen is hashed on its own thread while it is read: what
 * is stored is still its SHA-256, and adding it again (or a copy under another name) is known as
 * already added.
 */
class ExportHashTest {
  @TempDir Path dir;

  @Test
  void theHashComputedWhileReadingIsTheFilesSha256AndFindsTheSameExportAgain() throws IOException {
    Path sequence = Fixtures.get("archive/account-sam/").copyTo(dir);
    Path export = sequence.resolve("2025-01/conversations.json");
    Path copy = Files.copy(export, dir.resolve("renamed.json"));
    String expected = Sha.hex(sha256(Files.readAllBytes(export)));
    try (ChatArchive archive = ChatArchive.open(dir.resolve("a.sqlite"))) {
      ImportReport first = archive.add(export);
      assertThat(first.alreadyAdded()).isFalse();
      assertThat(first.export().sha256()).isEqualTo(expected);
      assertThat(archive.exports()).extracting(ArchivedExport::sha256).containsExactly(expected);

      ImportReport again = archive.add(copy);
      assertThat(again.alreadyAdded()).isTrue();
      assertThat(again.export().number()).isEqualTo(first.export().number());
      assertThat(archive.exports()).hasSize(1);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    return Sha.digest().digest(bytes);
  }
}
