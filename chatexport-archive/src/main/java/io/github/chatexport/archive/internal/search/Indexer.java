package io.github.chatexport.archive.internal.search;

import io.github.chatexport.api.Content;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Message;
import io.github.chatexport.api.MessageNode;
import io.github.chatexport.api.Metadata;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Writes conversations into the search tables with statements prepared once; never commits. */
public final class Indexer implements AutoCloseable {
  private final PreparedStatement find;
  private final PreparedStatement insertConversation;
  private final PreparedStatement updateConversation;
  private final PreparedStatement deleteTexts;
  private final PreparedStatement insertText;

  /** Prepares the statements on {@code connection}, whose search tables exist. */
  public Indexer(Connection connection) throws SQLException {
    find =
        connection.prepareStatement(
            "SELECT id FROM search_conversations WHERE conversation_id = ?");
    insertConversation =
        connection.prepareStatement(
            "INSERT INTO search_conversations"
                + "(title, create_time, update_time, deleted, conversation_id) VALUES (?, ?, ?, ?, ?)");
    updateConversation =
        connection.prepareStatement(
            "UPDATE search_conversations"
                + " SET title = ?, create_time = ?, update_time = ?, deleted = ? WHERE conversation_id = ?");
    deleteTexts = connection.prepareStatement("DELETE FROM search_texts WHERE conversation = ?");
    insertText =
        connection.prepareStatement(
            "INSERT INTO search_texts(conversation, node_id, role, create_time,"
                + " model, content_type, active_branch, title, body, words_title, words_body)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  }

  /** Replaces what is indexed for the conversation's id: see {@link SearchTables#update}. */
  public void update(Conversation c, boolean deleted) throws SQLException {
    long id = -1;
    find.setString(1, c.id());
    try (ResultSet rows = find.executeQuery()) {
      if (rows.next()) {
        id = rows.getLong(1);
      }
    }
    PreparedStatement write = id < 0 ? insertConversation : updateConversation;
    setText(write, 1, c.title());
    setTime(write, 2, c.createTime());
    setTime(write, 3, c.updateTime());
    write.setInt(4, deleted ? 1 : 0);
    write.setString(5, c.id());
    write.executeUpdate();
    if (id < 0) {
      try (ResultSet keys = write.getGeneratedKeys()) {
        keys.next();
        id = keys.getLong(1);
      }
    } else {
      deleteTexts.setLong(1, id);
      deleteTexts.executeUpdate();
    }
    String title = c.title() == null ? "" : IndexText.clean(c.title());
    if (!title.isBlank()) {
      insert(id, null, null, c.createTime(), null, "title", true, title, null);
    }
    Set<String> active = new HashSet<>(c.activeBranch().nodeIds());
    for (MessageNode node : c.nodes().values()) {
      Message m = node.message();
      if (m == null) {
        continue;
      }
      String body = IndexText.clean(text(m));
      if (body.isBlank()) {
        continue;
      }
      insert(
          id,
          node.id(),
          m.role(),
          m.createTime(),
          model(c, m),
          m.content().contentType(),
          active.contains(node.id()),
          null,
          body);
    }
  }

  private void insert(
      long conversation,
      @Nullable String node,
      @Nullable String role,
      @Nullable Instant time,
      @Nullable String model,
      String contentType,
      boolean active,
      @Nullable String title,
      @Nullable String body)
      throws SQLException {
    insertText.setLong(1, conversation);
    setText(insertText, 2, node);
    setText(insertText, 3, role);
    setTime(insertText, 4, time);
    setText(insertText, 5, model);
    insertText.setString(6, contentType);
    insertText.setInt(7, active ? 1 : 0);
    setText(insertText, 8, title);
    setText(insertText, 9, body);
    setText(insertText, 10, wordsIfOther(title));
    setText(insertText, 11, wordsIfOther(body));
    insertText.executeUpdate();
  }

  /**
   * What is indexed of a message: its readable text (a canvas document's JSON with its escapes
   * decoded), then the names of its attachments, one a line.
   */
  static String text(Message m) {
    String text = m.text();
    String recipient = m.recipient();
    if (m.content() instanceof Content.Code
        && (recipient != null && recipient.startsWith("canmore.")
            || m.author().name() != null && m.author().name().startsWith("canmore."))) {
      text = IndexText.unescapeJson(text);
    }
    StringBuilder out = null;
    for (Metadata.Attachment a : m.metadata().attachments()) {
      String name = a.name();
      if (name != null && !name.isBlank()) {
        if (out == null) {
          out = new StringBuilder(text);
        }
        if (out.length() > 0) {
          out.append('\n');
        }
        out.append(name);
      }
    }
    return out == null ? text : out.toString();
  }

  private static @Nullable String model(Conversation c, Message m) {
    Optional<String> slug = m.metadata().resolvedModelSlug();
    if (slug.isPresent() && !slug.get().isBlank()) {
      return slug.get();
    }
    String fallback = c.defaultModelSlug();
    return "assistant".equals(m.role())
            && fallback != null
            && !fallback.isBlank()
            && !"auto".equals(fallback)
        ? fallback
        : null;
  }

  private static @Nullable String wordsIfOther(@Nullable String clean) {
    if (clean == null) {
      return null;
    }
    String words = IndexText.words(clean);
    return words.equals(clean) ? null : words;
  }

  private static void setText(PreparedStatement s, int index, @Nullable String value)
      throws SQLException {
    if (value == null) {
      s.setNull(index, Types.VARCHAR);
    } else {
      s.setString(index, value);
    }
  }

  private static void setTime(PreparedStatement s, int index, @Nullable Instant time)
      throws SQLException {
    if (time == null) {
      s.setNull(index, Types.INTEGER);
    } else {
      s.setLong(index, micros(time));
    }
  }

  /** Microseconds since the epoch (saturating far outside any real export's dates). */
  static long micros(Instant t) {
    try {
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    } catch (ArithmeticException e) {
      return t.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  @Override
  public void close() throws SQLException {
    SQLException first = null;
    for (PreparedStatement s :
        new PreparedStatement[] {
          find, insertConversation, updateConversation, deleteTexts, insertText
        }) {
      try {
        s.close();
      } catch (SQLException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
