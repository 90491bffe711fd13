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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Writes conversations into the search tables with statements prepared once; never commits. */
public final class Indexer implements AutoCloseable {
  private final PreparedStatement find;
  private final PreparedStatement insertConversation;
  private final PreparedStatement updateConversation;
  private final PreparedStatement existingTexts;
  private final PreparedStatement deleteTexts;
  private final PreparedStatement lastText;
  private final PreparedStatement insertText;
  private final PreparedStatement updateAttributes;
  private final PreparedStatement markDeleted;

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
    existingTexts =
        connection.prepareStatement(
            "SELECT id, node_id, role, create_time, model, content_type, active_branch, title, body"
                + " FROM search_texts WHERE conversation = ?");
    deleteTexts =
        connection.prepareStatement(
            "DELETE FROM search_texts WHERE id IN (SELECT value FROM json_each(?))");
    lastText = connection.prepareStatement("SELECT max(id) FROM search_texts");
    insertText =
        connection.prepareStatement(
            "INSERT INTO search_texts(id, conversation, node_id, role, create_time,"
                + " model, content_type, active_branch, title, body, words_title, words_body)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    updateAttributes =
        connection.prepareStatement(
            "UPDATE search_texts SET role = ?, create_time = ?, model = ?, content_type = ?,"
                + " active_branch = ? WHERE id = ?");
    markDeleted =
        connection.prepareStatement(
            "UPDATE search_conversations SET deleted = ? WHERE conversation_id = ?");
  }

  /**
   * Sets whether the conversation {@code id} is gone from the account, its texts left as they are
   * (a deletion mark that begins or ends changes nothing else that is indexed); returns whether the
   * conversation is indexed at all (when not, index it with {@link #update}).
   */
  public boolean markDeleted(String id, boolean deleted) throws SQLException {
    markDeleted.setInt(1, deleted ? 1 : 0);
    markDeleted.setString(2, id);
    return markDeleted.executeUpdate() > 0;
  }

  /** Indexes {@code c}, with the FTS5 insert trigger in place or with a rebuild to come. */
  public void update(Conversation c, boolean deleted) throws SQLException {
    update(c, deleted, null);
  }

  /**
   * Makes what is indexed for the conversation's id the texts of {@code c} (see {@link
   * SearchTables#update}), writing only what differs: a text whose clean text is the same stays as
   * it is, in the FTS5 tables too, its attributes (role, time, model, content type, active branch:
   * plain columns that FTS5 does not index) updated when they changed; a text whose clean text
   * changed is deleted and written again under its rowid; a new text is written under a new rowid;
   * a text {@code c} no longer has is deleted. The delete trigger takes the old texts out of the
   * FTS5 tables, which must hold them.
   *
   * @param pending where the rows written are recorded when the FTS5 insert trigger is suspended
   *     and {@link SearchTables#catchUpFullText} is to put them into the FTS5 tables; null when the
   *     trigger is in place, or a {@link SearchTables#rebuildFullText} follows
   */
  public void update(Conversation c, boolean deleted, @Nullable PendingFullText pending)
      throws SQLException {
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
    }
    List<Text> texts = texts(c);
    List<Existing> duplicates = new ArrayList<>();
    Map<String, Existing> existing = id < 0 ? Map.of() : existing(id, duplicates);
    StringBuilder stale = new StringBuilder("[");
    Set<String> wanted = new HashSet<>();
    for (Text t : texts) {
      wanted.add(t.key());
      Existing e = existing.get(t.key());
      if (e != null && !e.sameText(t)) {
        appendId(stale, e.id());
      }
    }
    for (Existing e : existing.values()) {
      if (!wanted.contains(e.key())) {
        appendId(stale, e.id());
      }
    }
    for (Existing e : duplicates) {
      appendId(stale, e.id());
    }
    if (stale.length() > 1) {
      // one statement for all of them: the delete trigger's FTS5 writes go out as one segment
      deleteTexts.setString(1, stale.append(']').toString());
      deleteTexts.executeUpdate();
    }
    long next = 0;
    for (Text t : texts) {
      Existing e = existing.get(t.key());
      long rowid;
      if (e == null || !e.sameText(t)) {
        if (e != null) {
          rowid = e.id();
        } else {
          if (next == 0) {
            // above every row, the deleted ones to be written again under their rowids included
            long last = lastRowid();
            for (Existing old : existing.values()) {
              last = Math.max(last, old.id());
            }
            next = last + 1;
          }
          rowid = next++;
        }
        insert(rowid, id, t);
        if (pending != null) {
          pending.written(rowid);
        }
      } else if (!e.sameAttributes(t)) {
        setText(updateAttributes, 1, t.role());
        setTime(updateAttributes, 2, t.time());
        setText(updateAttributes, 3, t.model());
        updateAttributes.setString(4, t.contentType());
        updateAttributes.setInt(5, t.active() ? 1 : 0);
        updateAttributes.setLong(6, e.id());
        updateAttributes.executeUpdate();
      }
    }
  }

  /** The texts of a conversation in the order they are written: the title, then the nodes'. */
  private static List<Text> texts(Conversation c) {
    List<Text> out = new ArrayList<>();
    String title = c.title() == null ? "" : IndexText.clean(c.title());
    if (!title.isBlank()) {
      out.add(new Text(null, null, c.createTime(), null, "title", true, title, null));
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
      out.add(
          new Text(
              node.id(),
              m.role(),
              m.createTime(),
              model(c, m),
              m.content().contentType(),
              active.contains(node.id()),
              null,
              body));
    }
    return out;
  }

  /**
   * The texts indexed for the conversation row {@code conversation}, by {@link Text#key}; any
   * further row under a key already seen goes to {@code duplicates}, to be deleted.
   */
  private Map<String, Existing> existing(long conversation, List<Existing> duplicates)
      throws SQLException {
    Map<String, Existing> out = new HashMap<>();
    existingTexts.setLong(1, conversation);
    try (ResultSet r = existingTexts.executeQuery()) {
      while (r.next()) {
        long time = r.getLong(4);
        Long micros = r.wasNull() ? null : time;
        Existing e =
            new Existing(
                r.getLong(1),
                r.getString(2),
                r.getString(3),
                micros,
                r.getString(5),
                r.getString(6),
                r.getInt(7) != 0,
                r.getString(8),
                r.getString(9));
        Existing before = out.putIfAbsent(e.key(), e);
        if (before != null) {
          duplicates.add(e);
        }
      }
    }
    return out;
  }

  private long lastRowid() throws SQLException {
    try (ResultSet r = lastText.executeQuery()) {
      return r.next() ? r.getLong(1) : 0; // max() of no rows is NULL, read as 0
    }
  }

  private static void appendId(StringBuilder array, long id) {
    if (array.length() > 1) {
      array.append(',');
    }
    array.append(id);
  }

  /**
   * The key of a text within its conversation: its node's id, or the empty string for the title.
   */
  private static String key(@Nullable String node) {
    return node == null ? "" : "n" + node;
  }

  /** One text to index. */
  private record Text(
      @Nullable String node,
      @Nullable String role,
      @Nullable Instant time,
      @Nullable String model,
      String contentType,
      boolean active,
      @Nullable String title,
      @Nullable String body) {
    String key() {
      return Indexer.key(node);
    }
  }

  /** One text as indexed, its time in microseconds. */
  private record Existing(
      long id,
      @Nullable String node,
      @Nullable String role,
      @Nullable Long time,
      @Nullable String model,
      @Nullable String contentType,
      boolean active,
      @Nullable String title,
      @Nullable String body) {
    String key() {
      return Indexer.key(node);
    }

    /** Whether the FTS5 tables hold for it what {@code t} would give them. */
    boolean sameText(Text t) {
      return Objects.equals(title, t.title()) && Objects.equals(body, t.body());
    }

    boolean sameAttributes(Text t) {
      Instant when = t.time();
      return Objects.equals(role, t.role())
          && Objects.equals(time, when == null ? null : micros(when))
          && Objects.equals(model, t.model())
          && Objects.equals(contentType, t.contentType())
          && active == t.active();
    }
  }

  private void insert(long rowid, long conversation, Text t) throws SQLException {
    insertText.setLong(1, rowid);
    insertText.setLong(2, conversation);
    setText(insertText, 3, t.node());
    setText(insertText, 4, t.role());
    setTime(insertText, 5, t.time());
    setText(insertText, 6, t.model());
    insertText.setString(7, t.contentType());
    insertText.setInt(8, t.active() ? 1 : 0);
    setText(insertText, 9, t.title());
    setText(insertText, 10, t.body());
    setText(insertText, 11, wordsIfOther(t.title()));
    setText(insertText, 12, wordsIfOther(t.body()));
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
          find,
          insertConversation,
          updateConversation,
          existingTexts,
          deleteTexts,
          lastText,
          insertText,
          updateAttributes,
          markDeleted
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
