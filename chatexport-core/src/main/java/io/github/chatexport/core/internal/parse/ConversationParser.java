package io.github.chatexport.core.internal.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.chatexport.api.Author;
import io.github.chatexport.api.Content;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Extras;
import io.github.chatexport.api.Message;
import io.github.chatexport.api.MessageNode;
import io.github.chatexport.api.Metadata;
import io.github.chatexport.api.RawJson;
import io.github.chatexport.api.Warning;
import io.github.chatexport.api.internal.FrozenMap;
import io.github.chatexport.api.internal.Graph;
import io.github.chatexport.api.internal.NodeMap;
import io.github.chatexport.api.internal.Numbers;
import io.github.chatexport.core.internal.config.ReaderConfig;
import io.github.chatexport.core.internal.json.JsonPaths;
import io.github.chatexport.core.internal.json.Problems;
import io.github.chatexport.core.internal.json.RawReader;
import io.github.chatexport.core.internal.json.Timestamps;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads conversation objects from a {@link JsonParser} into records, one at a time, keeping every
 * field: typed fields in record components, the rest (and mistyped fields) in {@link Extras}.
 */
@SuppressWarnings("ReferenceEquality") // jackson interns field names: identity first, equals after
final class ConversationParser {
  private static final Absent CONVERSATION =
      new Absent(
          "id",
          "conversation_id",
          "title",
          "create_time",
          "update_time",
          "mapping",
          "current_node",
          "default_model_slug",
          "gizmo_id",
          "is_archived");
  private static final Absent NODE = new Absent("id", "message", "parent", "children");
  private static final Absent MESSAGE =
      new Absent(
          "id",
          "author",
          "create_time",
          "update_time",
          "content",
          "status",
          "end_turn",
          "weight",
          "metadata",
          "recipient",
          "channel");
  private static final Absent AUTHOR = new Absent("role", "name", "metadata");

  private final JsonParser p;
  private final Problems problems;
  private final ReaderConfig config;
  private final RawReader raw;
  private final ContentReader contents;

  /**
   * The names of one object's members in input order, each once, for write-back in that order. The
   * parser keeps one per level (conversation, node, message, author), reused for every object of
   * the level; objects whose members came in the same order share one frozen list (a small cache of
   * the last orders seen).
   */
  private static final class Order {
    private static final int SCAN = 32;
    private static final int CACHED = 8;

    private String[] names = new String[16];
    private int size;

    /** Slots of {@link #names} emptied by repeated names, once {@link #positions} indexes them. */
    private int holes;

    private java.util.@Nullable HashMap<String, Integer> positions;
    private final String[][] cachedNames = new String[CACHED][];
    private final int[] cachedSizes = new int[CACHED];
    private final Object[] cachedLists = new Object[CACHED];
    private int nextSlot;

    void reset() {
      size = 0;
      holes = 0;
      positions = null;
    }

    /**
     * Adds {@code name} at the end; returns false when the object had it already (a repeated key),
     * which then moves to the end: a key met twice is written back once, where its later occurrence
     * was.
     */
    boolean add(String name) {
      boolean repeated = false;
      if (positions != null) {
        Integer at = positions.put(name, size);
        if (at != null) {
          names[at] = null; // a hole, removed by compact(), so that a hostile object stays linear
          holes++;
          repeated = true;
        }
      } else {
        for (int i = 0; i < size; i++) {
          if (names[i] == name || names[i].equals(name)) {
            // At most SCAN names: moving the later ones down is cheap.
            System.arraycopy(names, i + 1, names, i, size - i - 1);
            size--;
            repeated = true;
            break;
          }
        }
        if (size == SCAN) {
          // A large object: look names up in an index, so that a hostile one stays linear.
          positions = new java.util.HashMap<>();
          for (int i = 0; i < size; i++) {
            positions.put(names[i], i);
          }
          positions.put(name, size);
        }
      }
      if (size == names.length) {
        names = java.util.Arrays.copyOf(names, size * 2);
      }
      names[size++] = name;
      return !repeated;
    }

    private void compact() {
      int k = 0;
      for (int i = 0; i < size; i++) {
        if (names[i] != null) {
          names[k++] = names[i];
        }
      }
      size = k;
      holes = 0;
    }

    List<String> freeze() {
      if (holes > 0) {
        compact();
      }
      for (int c = 0; c < CACHED; c++) {
        String[] cached = cachedNames[c];
        if (cached != null && cachedSizes[c] == size && same(cached)) {
          @SuppressWarnings("unchecked")
          List<String> list = (List<String>) cachedLists[c];
          return list;
        }
      }
      String[] copy = java.util.Arrays.copyOf(names, size);
      List<String> list = FrozenMap.adoptList(copy, size);
      int slot = nextSlot;
      nextSlot = (slot + 1) % CACHED;
      cachedNames[slot] = copy;
      cachedSizes[slot] = size;
      cachedLists[slot] = list;
      return list;
    }

    private boolean same(String[] cached) {
      for (int i = 0; i < size; i++) {
        if (cached[i] != names[i] && !cached[i].equals(names[i])) {
          return false;
        }
      }
      return true;
    }
  }

  private final Order conversationOrder = new Order();
  private final Order nodeOrder = new Order();
  private final Order messageOrder = new Order();
  private final Order authorOrder = new Order();

  /** One object being read: which typed fields were seen, and the extra ones. */
  private static final class Obj {
    private static final int SCAN = 16;

    int seen;

    /**
     * The text of typed numbers a writer would not write back as read (an integer timestamp, say).
     */
    private @Nullable LinkedHashMap<String, String> numbers;

    void number(String name, String text) {
      LinkedHashMap<String, String> n = numbers;
      if (n == null) {
        n = numbers = new LinkedHashMap<>();
      }
      n.put(name, text);
    }

    private String @Nullable [] keys;
    private Object @Nullable [] values;
    private int size;

    /**
     * The positions of the extra names, once there are many (so that a hostile object stays
     * linear).
     */
    private @Nullable HashMap<String, Integer> positions;

    /** Slots of {@link #keys} emptied by {@link #drop}, once {@link #positions} indexes them. */
    private int holes;

    /**
     * Forgets all that an earlier occurrence of the repeated key {@code name} left: its extra value
     * and its number text (the caller forgets its typed value). Cheap, and done only for a repeated
     * key.
     */
    void drop(String name) {
      if (numbers != null) {
        numbers.remove(name);
      }
      String[] k = keys;
      Object[] v = values;
      if (k == null || v == null) {
        return;
      }
      if (positions != null) {
        Integer at = positions.remove(name);
        if (at != null) {
          k[at] = null; // a hole, removed by extras(), so that a hostile object stays linear
          v[at] = null;
          holes++;
        }
        return;
      }
      for (int i = 0; i < size; i++) {
        if (k[i] == name || k[i].equals(name)) {
          System.arraycopy(k, i + 1, k, i, size - i - 1);
          System.arraycopy(v, i + 1, v, i, size - i - 1);
          k[--size] = null;
          v[size] = null;
          return;
        }
      }
    }

    /** Adds an extra field, or replaces the value of one already there (keeping its place). */
    void extra(String name, RawJson value) {
      String[] k = keys;
      Object[] v = values;
      if (k == null || v == null) {
        k = keys = new String[4];
        v = values = new Object[4];
      }
      if (positions != null) {
        Integer at = positions.putIfAbsent(name, size);
        if (at != null) {
          v[at] = value;
          return;
        }
      } else {
        for (int i = 0; i < size; i++) {
          if (k[i] == name || k[i].equals(name)) {
            v[i] = value;
            return;
          }
        }
        if (size >= SCAN) {
          HashMap<String, Integer> index = new HashMap<>();
          for (int i = 0; i < size; i++) {
            index.put(k[i], i);
          }
          index.put(name, size);
          positions = index;
        }
      }
      if (size == k.length) {
        k = keys = java.util.Arrays.copyOf(k, size * 2);
        v = values = java.util.Arrays.copyOf(v, size * 2);
      }
      k[size] = name;
      v[size++] = value;
    }

    Extras extras(Absent names, Order order) {
      java.util.Set<String> absent = names.of(seen);
      Map<String, String> texts = numbers == null ? Map.of() : numbers;
      if (holes > 0 && keys != null && values != null) {
        int n = 0;
        for (int i = 0; i < size; i++) {
          if (keys[i] != null) {
            keys[n] = keys[i];
            values[n++] = values[i];
          }
        }
        size = n;
        holes = 0;
      }
      if (size == 0 || keys == null || values == null) {
        return new Extras(FrozenMap.empty(), absent, order.freeze(), texts);
      }
      String[] k = keys.length == size ? keys : java.util.Arrays.copyOf(keys, size);
      Object[] v = values.length == size ? values : java.util.Arrays.copyOf(values, size);
      return new Extras(FrozenMap.adopt(k, v, size), absent, order.freeze(), texts);
    }
  }

  /** A parser of the conversations that {@code p} reads; {@code p} belongs to the caller. */
  ConversationParser(JsonParser p, Problems problems, ReaderConfig config) {
    this.p = p;
    this.problems = problems;
    this.config = config;
    this.raw = new RawReader(p, problems);
    this.contents = new ContentReader(problems);
  }

  /** The path of the conversation being read. */
  private LazyPath conversationPath = LazyPath.of("$");

  private final Mark mark = new Mark();

  private LazyPath messagePath(String nodeId, String field) {
    return conversationPath.keys("mapping", nodeId, "message", field);
  }

  /** Reads the conversation object whose START_OBJECT is the current token. */
  Conversation read() throws IOException {
    JsonLocation start = p.currentTokenLocation();
    return read(start, JsonPaths.of(p.getParsingContext()), p.nextFieldName());
  }

  /**
   * Reads the rest of a conversation object that is the whole document (a lone conversation), whose
   * first field name {@code first} (null for an empty object) the caller has already read; {@code
   * start} is where it began.
   */
  Conversation readLone(JsonLocation start, @Nullable String first) throws IOException {
    return read(start, "$", first);
  }

  private Conversation read(JsonLocation start, String path, @Nullable String first)
      throws IOException {
    conversationPath = LazyPath.of(path);
    Obj o = new Obj();
    String id = null;
    String conversationId = null;
    String title = null;
    Instant createTime = null;
    Instant updateTime = null;
    LinkedHashMap<String, MessageNode> nodes = null;
    String currentNode = null;
    String defaultModelSlug = null;
    String gizmoId = null;
    Boolean archived = null;
    Order order = conversationOrder;
    order.reset();
    for (String name = first; name != null; name = p.nextFieldName()) {
      if (!order.add(name)) {
        repeated(o, name);
      }
      JsonToken t = p.nextToken();
      switch (name) {
        case "id" -> {
          o.seen |= 1;
          id = null;
          id = string(o, name, t);
        }
        case "conversation_id" -> {
          o.seen |= 1 << 1;
          conversationId = null;
          conversationId = string(o, name, t);
        }
        case "title" -> {
          o.seen |= 1 << 2;
          title = null;
          title = string(o, name, t);
        }
        case "create_time" -> {
          o.seen |= 1 << 3;
          createTime = null;
          createTime = time(o, name, t);
        }
        case "update_time" -> {
          o.seen |= 1 << 4;
          updateTime = null;
          updateTime = time(o, name, t);
        }
        case "mapping" -> {
          o.seen |= 1 << 5;
          nodes = null;
          if (t == JsonToken.START_OBJECT) {
            nodes = new LinkedHashMap<>();
            readMapping(nodes);
          } else {
            if (t == JsonToken.VALUE_NULL) {
              problems.warn(
                  Warning.Kind.MISSING_FIELD,
                  "mapping is null",
                  p.currentTokenLocation(),
                  JsonPaths.of(p.getParsingContext()));
            } else {
              mismatch(t, "an object");
            }
            o.extra(name, raw.read());
          }
        }
        case "current_node" -> {
          o.seen |= 1 << 6;
          currentNode = null;
          currentNode = string(o, name, t);
        }
        case "default_model_slug" -> {
          o.seen |= 1 << 7;
          defaultModelSlug = null;
          defaultModelSlug = string(o, name, t);
        }
        case "gizmo_id" -> {
          o.seen |= 1 << 8;
          gizmoId = null;
          gizmoId = string(o, name, t);
        }
        case "is_archived" -> {
          o.seen |= 1 << 9;
          archived = null;
          archived = bool(o, name, t);
        }
        default -> o.extra(name, raw.read());
      }
    }
    if ((o.seen & 1 << 5) == 0) {
      problems.warn(
          Warning.Kind.MISSING_FIELD,
          "the conversation has no mapping",
          start,
          JsonPaths.child(path, "mapping"));
    }
    String effectiveId = id != null ? id : conversationId;
    if (effectiveId == null) {
      problems.warn(
          Warning.Kind.MISSING_FIELD,
          "the conversation has neither id nor conversation_id",
          start,
          JsonPaths.child(path, "id"));
      effectiveId = "";
    }
    NodeMap nodeMap = NodeMap.adopt(nodes == null ? new LinkedHashMap<>() : nodes);
    Graph graph = Graph.of(nodeMap);
    nodeIndex = null;
    for (Graph.Issue issue : graph.issues(currentNode)) {
      String issuePath;
      JsonLocation at;
      if (issue.nodeId() != null) {
        issuePath =
            JsonPaths.child(
                JsonPaths.child(JsonPaths.child(path, "mapping"), issue.nodeId()), issue.field());
        JsonLocation node = nodeStart(nodeMap, issue.nodeId());
        at = node == null ? start : node;
      } else {
        issuePath = JsonPaths.child(path, issue.field());
        at = start;
      }
      problems.warn(issue.kind(), issue.message(), at, issuePath);
    }
    return new Conversation(
        effectiveId,
        conversationId,
        title,
        createTime,
        updateTime,
        nodeMap,
        currentNode,
        defaultModelSlug,
        gizmoId,
        archived,
        problems.drain(effectiveId),
        o.extras(CONVERSATION, order));
  }

  /** Where each node of the mapping started, in mapping order: line, column, byte offset. */
  private long[] nodeStarts = new long[3 * 64];

  private void readMapping(Map<String, MessageNode> nodes) throws IOException {
    for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      mark.set(p);
      if (t != JsonToken.START_OBJECT) {
        problems.warn(
            Warning.Kind.TYPE_MISMATCH,
            "a node is a " + kind(t) + ", not an object; it is skipped",
            mark.toLocation(),
            JsonPaths.of(p.getParsingContext()));
        p.skipChildren();
        continue;
      }
      if (nodes.size() >= config.maxNodesPerConversation()) {
        throw problems.error(
            "the conversation has more than "
                + config.maxNodesPerConversation()
                + " nodes (the limit set by maxNodesPerConversation)",
            mark.toLocation(),
            JsonPaths.of(p.getParsingContext()),
            null,
            null);
      }
      long line = mark.line;
      long column = mark.column;
      long offset = mark.offset;
      int index = nodes.size();
      MessageNode node = readNode(key);
      if (nodes.put(key, node) != null) {
        problems.warn(
            Warning.Kind.DUPLICATE_NODE,
            "the mapping has this key twice; the later node is kept",
            new JsonLocation(null, offset, -1, (int) line, (int) column),
            JsonPaths.of(p.getParsingContext()));
      } else {
        if (3 * index + 3 > nodeStarts.length) {
          nodeStarts = java.util.Arrays.copyOf(nodeStarts, nodeStarts.length * 2);
        }
        nodeStarts[3 * index] = line;
        nodeStarts[3 * index + 1] = column;
        nodeStarts[3 * index + 2] = offset;
      }
    }
  }

  /**
   * The mapping-order index of each node of the conversation being placed, built at its first
   * warning.
   */
  private @Nullable Map<String, Integer> nodeIndex;

  /**
   * Where the node {@code key} started, or null. The first call of a conversation indexes the
   * mapping once, so that placing thousands of warnings costs no more than the nodes do.
   */
  private @Nullable JsonLocation nodeStart(Map<String, MessageNode> nodes, String key) {
    Map<String, Integer> index = nodeIndex;
    if (index == null) {
      index = new HashMap<>(nodes.size() * 4 / 3 + 1);
      int i = 0;
      for (String k : nodes.keySet()) {
        index.put(k, i++);
      }
      nodeIndex = index;
    }
    Integer at = index.get(key);
    if (at == null) {
      return null;
    }
    int i = at;
    return 3 * i + 2 < nodeStarts.length
        ? new JsonLocation(
            null, nodeStarts[3 * i + 2], -1, (int) nodeStarts[3 * i], (int) nodeStarts[3 * i + 1])
        : null;
  }

  private MessageNode readNode(String key) throws IOException {
    Obj o = new Obj();
    Message message = null;
    String parent = null;
    List<String> children = List.of();
    Order order = nodeOrder;
    order.reset();
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      if (!order.add(name)) {
        repeated(o, name);
      }
      JsonToken t = p.nextToken();
      switch (name) {
        case "id" -> {
          o.seen |= 1;
          if (t != JsonToken.VALUE_STRING || !key.equals(p.getText())) {
            problems.warn(
                Warning.Kind.NODE_ID_MISMATCH,
                "the node's id differs from its key; the key is used",
                p.currentTokenLocation(),
                JsonPaths.of(p.getParsingContext()));
            o.extra(name, raw.read());
          }
        }
        case "message" -> {
          o.seen |= 1 << 1;
          message = null;
          if (t == JsonToken.START_OBJECT) {
            message = readMessage(key);
          } else if (t != JsonToken.VALUE_NULL) {
            mismatch(t, "an object");
            o.extra(name, raw.read());
          }
        }
        case "parent" -> {
          o.seen |= 1 << 2;
          parent = null;
          parent = string(o, name, t);
        }
        case "children" -> {
          o.seen |= 1 << 3;
          children = List.of();
          children = strings(o, name, t);
        }
        default -> o.extra(name, raw.read());
      }
    }
    return new MessageNode(key, message, parent, children, o.extras(NODE, order));
  }

  private Message readMessage(String nodeId) throws IOException {
    Obj o = new Obj();
    String id = null;
    Author author = null;
    Instant createTime = null;
    Instant updateTime = null;
    Content content = null;
    String status = null;
    Boolean endTurn = null;
    BigDecimal weight = null;
    Metadata metadata = Metadata.EMPTY;
    String recipient = null;
    String channel = null;
    JsonLocation start = p.currentTokenLocation();
    Order order = messageOrder;
    order.reset();
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      if (!order.add(name)) {
        repeated(o, name);
      }
      JsonToken t = p.nextToken();
      switch (name) {
        case "id" -> {
          o.seen |= 1;
          id = null;
          id = string(o, name, t);
        }
        case "author" -> {
          o.seen |= 1 << 1;
          author = null;
          if (t == JsonToken.START_OBJECT) {
            author = readAuthor();
          } else {
            if (t != JsonToken.VALUE_NULL) {
              mismatch(t, "an object");
            }
            o.extra(name, raw.read());
          }
        }
        case "create_time" -> {
          o.seen |= 1 << 2;
          createTime = null;
          createTime = time(o, name, t);
        }
        case "update_time" -> {
          o.seen |= 1 << 3;
          updateTime = null;
          updateTime = time(o, name, t);
        }
        case "content" -> {
          o.seen |= 1 << 4;
          content = null;
          if (t == JsonToken.START_OBJECT) {
            mark.set(p);
            content =
                contents.read(
                    (RawJson.JsonObject) raw.read(), mark, messagePath(nodeId, "content"));
          } else {
            problems.warn(
                Warning.Kind.MISSING_FIELD,
                t == JsonToken.VALUE_NULL
                    ? "content is null"
                    : "content is a " + kind(t) + ", not an object",
                p.currentTokenLocation(),
                JsonPaths.of(p.getParsingContext()));
            o.extra(name, raw.read());
          }
        }
        case "status" -> {
          o.seen |= 1 << 5;
          status = null;
          status = string(o, name, t);
        }
        case "end_turn" -> {
          o.seen |= 1 << 6;
          endTurn = null;
          endTurn = bool(o, name, t);
        }
        case "weight" -> {
          o.seen |= 1 << 7;
          weight = null;
          if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            BigDecimal w =
                new BigDecimal(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            if (Numbers.bounded(w)) {
              weight = w;
              if (!plainDecimal(p.getTextCharacters(), p.getTextOffset(), p.getTextLength())) {
                o.number(name, p.getText());
              }
            } else {
              problems.warn(
                  Warning.Kind.TYPE_MISMATCH,
                  "expected a number, found one with an exponent beyond ±"
                      + Numbers.MAX_SCALE
                      + "; kept as is",
                  p.currentTokenLocation(),
                  JsonPaths.of(p.getParsingContext()));
              o.extra(name, new RawJson.JsonNumber(p.getText()));
            }
          } else if (t != JsonToken.VALUE_NULL) {
            mismatch(t, "a number");
            o.extra(name, raw.read());
          }
        }
        case "metadata" -> {
          o.seen |= 1 << 8;
          metadata = Metadata.EMPTY;
          if (t == JsonToken.START_OBJECT) {
            mark.set(p);
            metadata = new Metadata((RawJson.JsonObject) raw.read());
            contents.checkMetadata(metadata, mark, messagePath(nodeId, "metadata"));
          } else {
            if (t != JsonToken.VALUE_NULL) {
              mismatch(t, "an object");
            }
            o.extra(name, raw.read());
          }
        }
        case "recipient" -> {
          o.seen |= 1 << 9;
          recipient = null;
          recipient = string(o, name, t);
        }
        case "channel" -> {
          o.seen |= 1 << 10;
          channel = null;
          channel = string(o, name, t);
        }
        default -> o.extra(name, raw.read());
      }
    }
    if ((o.seen & 1 << 4) == 0) {
      problems.warn(
          Warning.Kind.MISSING_FIELD,
          "the message has no content",
          start,
          JsonPaths.child(JsonPaths.of(p.getParsingContext()), "content"));
    }
    if (content == null) {
      content = new Content.Unknown("", RawJson.JsonObject.EMPTY);
    }
    if (author == null) {
      author = Author.of("");
    }
    return new Message(
        id == null ? nodeId : id,
        author,
        createTime,
        updateTime,
        content,
        status,
        endTurn,
        weight,
        metadata,
        recipient,
        channel,
        o.extras(MESSAGE, order));
  }

  private Author readAuthor() throws IOException {
    Obj o = new Obj();
    String role = null;
    String name = null;
    RawJson.JsonObject metadata = RawJson.JsonObject.EMPTY;
    Order order = authorOrder;
    order.reset();
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      if (!order.add(field)) {
        repeated(o, field);
      }
      JsonToken t = p.nextToken();
      switch (field) {
        case "role" -> {
          o.seen |= 1;
          role = null;
          role = string(o, field, t);
          if (role == null && t == JsonToken.VALUE_NULL) {
            o.extra(field, RawJson.JsonNull.NULL);
          }
        }
        case "name" -> {
          o.seen |= 1 << 1;
          name = null;
          name = string(o, field, t);
        }
        case "metadata" -> {
          o.seen |= 1 << 2;
          metadata = RawJson.JsonObject.EMPTY;
          if (t == JsonToken.START_OBJECT) {
            metadata = (RawJson.JsonObject) raw.read();
          } else {
            if (t != JsonToken.VALUE_NULL) {
              mismatch(t, "an object");
            }
            o.extra(field, raw.read());
          }
        }
        default -> o.extra(field, raw.read());
      }
    }
    return new Author(role == null ? "" : role, name, metadata, o.extras(AUTHOR, order));
  }

  /**
   * A key met again in the object being read: the later occurrence wins (as in {@link RawReader}),
   * so all that the earlier one left is dropped (the caller resets its typed value), with a
   * warning. The parser is on the repeated name.
   */
  private void repeated(Obj o, String name) {
    problems.warn(
        Warning.Kind.DUPLICATE_KEY,
        RawReader.DUPLICATE,
        p.currentTokenLocation(),
        JsonPaths.of(p.getParsingContext()));
    o.drop(name);
  }

  // --- typed values; a value of another JSON type is kept raw in the extras, with a warning

  private @Nullable String string(Obj o, String name, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (t != JsonToken.VALUE_NULL) {
      mismatch(t, "a string");
      o.extra(name, raw.read());
    }
    return null;
  }

  private @Nullable Boolean bool(Obj o, String name, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_TRUE) {
      return Boolean.TRUE;
    }
    if (t == JsonToken.VALUE_FALSE) {
      return Boolean.FALSE;
    }
    if (t != JsonToken.VALUE_NULL) {
      mismatch(t, "a boolean");
      o.extra(name, raw.read());
    }
    return null;
  }

  private @Nullable Instant time(Obj o, String name, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
      char[] text = p.getTextCharacters();
      int offset = p.getTextOffset();
      int length = p.getTextLength();
      Instant instant = Timestamps.parse(text, offset, length);
      if (instant == null) {
        // Not a time an Instant holds exactly, or outside years 1 to 9999: keep the number as
        // written, so that
        // nothing is lost.
        problems.warn(
            Warning.Kind.TYPE_MISMATCH,
            "expected a number of seconds from year 1 to 9999 with at most"
                + " nine decimals, found another number; kept as is",
            p.currentTokenLocation(),
            JsonPaths.of(p.getParsingContext()));
        o.extra(name, new RawJson.JsonNumber(p.getText()));
      } else if (!Timestamps.isCanonical(text, offset, length)) {
        // An integer, trailing zeros, an exponent: the text is kept for write-back.
        o.number(name, p.getText());
      }
      return instant;
    }
    if (t != JsonToken.VALUE_NULL) {
      mismatch(t, "a number of seconds");
      o.extra(name, raw.read());
    }
    return null;
  }

  private List<String> strings(Obj o, String name, JsonToken t) throws IOException {
    if (t == JsonToken.START_ARRAY) {
      List<String> out = new ArrayList<>();
      JsonToken e;
      while ((e = p.nextToken()) == JsonToken.VALUE_STRING) {
        out.add(p.getText());
      }
      if (e == JsonToken.END_ARRAY) {
        return List.copyOf(out);
      }
      // An element of another type: keep the whole array raw.
      mismatch(e, "a string");
      List<RawJson> elements = new ArrayList<>();
      for (String s : out) {
        elements.add(new RawJson.JsonString(s));
      }
      elements.add(raw.read());
      while (p.nextToken() != JsonToken.END_ARRAY) {
        elements.add(raw.read());
      }
      o.extra(name, new RawJson.JsonArray(elements));
      return List.of();
    }
    if (t == JsonToken.VALUE_NULL) {
      o.extra(name, RawJson.JsonNull.NULL);
    } else {
      mismatch(t, "an array of strings");
      o.extra(name, raw.read());
    }
    return List.of();
  }

  /**
   * Whether a number's text is what {@link BigDecimal#toString()} gives back: no exponent, no
   * {@code -0}.
   */
  static boolean plainDecimal(char[] text, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      char c = text[i];
      if (c == 'e' || c == 'E' || c == '+') {
        return false;
      }
    }
    return !(length >= 2 && text[offset] == '-' && text[offset + 1] == '0');
  }

  private void mismatch(JsonToken t, String expected) {
    problems.warn(
        Warning.Kind.TYPE_MISMATCH,
        "expected " + expected + ", found " + kind(t) + "; kept as is",
        p.currentTokenLocation(),
        JsonPaths.of(p.getParsingContext()));
  }

  static String kind(@Nullable JsonToken t) {
    if (t == null) {
      return "end of input";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.name();
    };
  }
}
