package io.github.chatexport.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.core.ChatExportException;
import io.github.chatexport.core.ExportReader;
import io.github.chatexport.core.ExportWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashedConversationsTest {
  @TempDir Path dir;

  /** {@code n} small conversations, each with one message, as a conversations JSON array. */
  private static String conversations(int n) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(
          """
          {"id":"c%d","title":"number %d","create_time":1700000000.5,"update_time":%d.25,\
          "current_node":"n%d","mapping":{"n%d":{"id":"n%d","parent":null,"children":[],\
          "message":{"id":"n%d","author":{"role":"user"},"content":{"content_type":"text",\
          "parts":["text %d 📌 ✓"]}}}}}"""
              .formatted(i, i, 1700000000 + i, i, i, i, i, i));
    }
    return b.toString();
  }

  private Path write(String json) throws IOException {
    Path file = dir.resolve("conversations.json");
    Files.writeString(file, json, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void handsOverEveryConversationInOrderWithTheHashOfItsBytes() throws Exception {
    Path file = write(conversations(300) + "]");
    List<Conversation> expected = new ArrayList<>();
    List<String> digests = new ArrayList<>();
    try (ExportReader reader = ExportReader.open(file);
        Stream<Conversation> all =
            reader.conversations(null, (c, f, sha256) -> digests.add(Sha.hex(sha256)))) {
      all.forEach(expected::add);
    }
    assertThat(digests).hasSize(300);
    List<Conversation> got = new ArrayList<>();
    try (ExportReader reader = ExportReader.builder().parallelism(2).open(file);
        HashedConversations pass = HashedConversations.start(reader)) {
      for (HashedConversations.Hashed h; (h = pass.next()) != null; ) {
        assertThat(h.sourceSha256()).isEqualTo(digests.get(got.size()));
        assertThat(h.json()).isNull(); // recognised by its bytes: nothing written back
        assertThat(h.sha256()).isNull();
        got.add(h.conversation());
      }
      assertThat(pass.next()).isNull();
      assertThat(pass.bytesRead()).isEqualTo(Files.size(file));
    }
    assertThat(got).isEqualTo(expected);
  }

  @Test
  void writingBackEveryConversationStillGivesTheHashOfItsBytes() throws Exception {
    Path file = write(conversations(20) + "]");
    List<String> digests = new ArrayList<>();
    try (ExportReader reader = ExportReader.open(file);
        Stream<Conversation> all =
            reader.conversations(null, (c, f, sha256) -> digests.add(Sha.hex(sha256)))) {
      all.forEach(c -> {});
    }
    int n = 0;
    try (ExportReader reader = ExportReader.open(file);
        HashedConversations pass = HashedConversations.start(reader, true)) {
      for (HashedConversations.Hashed h; (h = pass.next()) != null; n++) {
        assertThat(h.sourceSha256()).isEqualTo(digests.get(n));
        assertThat(h.json()).isEqualTo(ExportWriter.toJson(h.conversation()));
        assertThat(h.sha256()).isEqualTo(Sha.of(h.json()));
      }
    }
    assertThat(n).isEqualTo(20);
  }

  @Test
  void writesBackAndHashesAConversationWhoseBytesAreNotTold() throws Exception {
    String json = conversations(1);
    Path lone = dir.resolve("one.json"); // a file of one conversation object
    Files.writeString(lone, json.substring(1), StandardCharsets.UTF_8);
    try (ExportReader reader = ExportReader.open(lone);
        HashedConversations pass = HashedConversations.start(reader)) {
      HashedConversations.Hashed h = pass.next();
      assertThat(h).isNotNull();
      assertThat(h.sourceSha256()).isNull();
      assertThat(h.json()).isEqualTo(ExportWriter.toJson(h.conversation()));
      assertThat(h.sha256()).isEqualTo(Sha.of(h.json()));
      assertThat(pass.next()).isNull();
    }
  }

  @Test
  void throwsTheDamageAfterEveryConversationBeforeIt() throws Exception {
    String json = conversations(40);
    Path file = write(json.substring(0, json.length() - 30)); // the last one cut short
    List<String> before = new ArrayList<>();
    String message = null;
    try (ExportReader reader = ExportReader.open(file)) {
      for (Conversation c : reader) {
        before.add(c.id());
      }
    } catch (ChatExportException e) {
      message = e.getMessage();
    }
    assertThat(message).isNotNull();
    assertThat(before).hasSize(39);

    List<String> got = new ArrayList<>();
    try (ExportReader reader = ExportReader.open(file);
        HashedConversations pass = HashedConversations.start(reader)) {
      assertThatThrownBy(
              () -> {
                for (HashedConversations.Hashed h; (h = pass.next()) != null; ) {
                  got.add(h.conversation().id());
                }
              })
          .isInstanceOf(ChatExportException.class)
          .hasMessage(message);
      assertThat(pass.next()).isNull(); // ended
    }
    assertThat(got).isEqualTo(before);
  }

  @Test
  void closeStopsThePassAndItsThreads() throws Exception {
    Path file = write(conversations(2000) + "]");
    try (ExportReader reader = ExportReader.open(file)) {
      HashedConversations pass = HashedConversations.start(reader);
      assertThat(pass.next()).isNotNull();
      pass.close();
      assertThat(threads("chatexport-archive-pass")).isEmpty();
      pass.close(); // again: nothing
    }
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!threads("chatexport-archive-hash").isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(threads("chatexport-archive-hash")).isEmpty();
  }

  private static List<Thread> threads(String name) {
    List<Thread> out = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals(name) && t.isAlive()) {
        out.add(t);
      }
    }
    return out;
  }
}
