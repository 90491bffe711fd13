package io.github.chatexport.testdata.generator;

import static java.util.Objects.requireNonNull;

import io.github.chatexport.testdata.generator.Obj.Num;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Builds one conversation of a given era as an {@link Obj} tree: a root (a random id, or {@code
 * client-created-root}), hidden system and context nodes, turns of every kind the era has, and
 * forks (edits and regenerations) when asked.
 */
final class ConversationMaker {
  static final String CLIENT_ROOT = "client-created-root";

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final String[] AIRPORTS = {
    "AMS", "LIS", "CPH", "IAD", "SJC", "FRA", "NRT", "CDG", "SIN", "GRU"
  };
  private static final String[] VOICES = {
    "juniper", "breeze", "cove", "ember", "sol", "vale", "maple"
  };

  /** Kinds of turns (a user message and what follows it). */
  private enum Turn {
    TEXT,
    UPLOAD,
    CODE,
    BROWSE,
    IMAGE,
    VOICE,
    REASONING,
    SEARCH,
    REASONED_SEARCH
  }

  // Relative weights of the turn kinds, per era (2023, 2024, 2025, 2026), in Turn order.
  private static final int[][] TURN_WEIGHTS = {
    {56, 9, 14, 12, 9, 0, 0, 0, 0},
    {45, 10, 11, 9, 10, 8, 0, 7, 0},
    {30, 7, 7, 0, 7, 7, 14, 18, 10},
    {28, 7, 7, 0, 7, 6, 13, 18, 14},
  };

  private final Rng r;
  private final int year;
  private final Texts t;
  private final Map<String, long[]> contentTypes;
  private final LinkedHashMap<String, Node> nodes = new LinkedHashMap<>();
  private final boolean early2023;
  private final int timeDecimals;
  private final boolean voiceConversation;
  private final boolean crlf;
  private final boolean asciiOnly;
  private final String model;
  private final String searchModel;
  private final String reasoningModel;
  private final String requestSuffix;
  private long micros;
  private int budget;
  private int searchTurn;

  /** One node of the mapping. */
  private static final class Node {
    final String id;
    final @Nullable String parent;
    final List<String> children = new ArrayList<>(2);
    final @Nullable Obj message;

    Node(String id, @Nullable String parent, @Nullable Obj message) {
      this.id = id;
      this.parent = parent;
      this.message = message;
    }
  }

  /** What was made. */
  record Made(Obj json, int nodes, boolean forked, boolean sortedKeys, boolean asciiOnly) {}

  ConversationMaker(Rng r, int year, Map<String, long[]> contentTypes) {
    this.r = r;
    this.year = year;
    this.contentTypes = contentTypes;
    this.t = new Texts(r, Texts.pickLang(r), year >= 2024 ? 0.06 : 0.02);
    int month = r.between(year == 2023 ? 3 : 1, year == 2026 ? 7 : 12);
    this.early2023 = year == 2023 && month < 6;
    long start =
        java.time.LocalDate.of(year, month, r.between(1, 28)).toEpochDay() * 86_400L
            + r.nextInt(86_400);
    this.micros = start * 1_000_000L + r.nextInt(1_000_000);
    this.timeDecimals = year == 2026 || year == 2025 && r.chance(0.5) ? 3 : 6;
    this.voiceConversation = year >= 2024 && r.chance(0.07);
    this.crlf = year == 2023 && r.chance(0.5);
    this.asciiOnly = r.chance(0.12);
    this.model =
        switch (year) {
          case 2023 ->
              early2023
                  ? "text-davinci-002-render-sha"
                  : r.pick(new String[] {"gpt-4", "gpt-3.5-turbo"});
          case 2024 -> r.pick(new String[] {"gpt-4o", "gpt-4o-mini", "gpt-4"});
          case 2025 -> r.pick(new String[] {"gpt-4o", "gpt-5", "gpt-4-1"});
          default -> "gpt-5-2";
        };
    this.searchModel = year == 2026 ? "gpt-5-2" : "gpt-4o";
    this.reasoningModel =
        year == 2026
            ? "gpt-5-2-thinking"
            : r.pick(new String[] {"o3", "o4-mini", "gpt-5-thinking"});
    this.requestSuffix = "-" + r.pick(AIRPORTS);
  }

  // ---------------------------------------------------------------- the conversation

  /**
   * A conversation of at most {@code maxNodes} nodes (at least 2), forked if asked and large
   * enough.
   */
  Made make(int maxNodes, boolean fork) {
    budget = Math.max(2, maxNodes);
    boolean canFork = fork && budget >= 7;
    int forkBudget = canFork ? Math.max(2, Math.min(budget / 3, r.between(2, 2 + budget / 4))) : 0;
    budget -= forkBudget;
    long created = micros;

    // The root, hidden system nodes, custom instructions.
    boolean clientRoot = year >= 2025 || year == 2024 && r.chance(0.5);
    Node top = add(clientRoot ? CLIENT_ROOT : uuid(), null, null);
    if (budget >= 2) {
      top = add(uuid(), top, hiddenSystem(false));
      if (year >= 2025 && budget >= 4 && r.chance(0.3)) {
        top = add(uuid(), top, hiddenSystem(true));
      }
    }
    if (budget >= 3) {
      if (year == 2023 && !early2023 && r.chance(0.25)) {
        top = add(uuid(), top, customInstructions2023());
      } else if (year >= 2024 && r.chance(0.35)) {
        top = add(uuid(), top, userEditableContext());
      } else if (year >= 2024 && year <= 2025 && r.chance(0.05)) {
        top = add(uuid(), top, modelEditableContext());
      }
    }

    // The main branch, turn after turn.
    List<Node> users = new ArrayList<>();
    List<Node> answers = new ArrayList<>();
    Node leaf = turns(top, users, answers);

    // Forks: edits of a user message or regenerations of an answer, made after the main branch.
    Node current = leaf;
    int forks = canFork ? (r.chance(0.25) && forkBudget >= 6 ? 2 : 1) : 0;
    for (int f = 0; f < forks && forkBudget >= 2; f++) {
      int share = f == forks - 1 ? forkBudget : forkBudget / 2;
      forkBudget -= share;
      budget += share;
      Node branchLeaf;
      boolean regenerate = !answers.isEmpty() && (users.isEmpty() || r.chance(0.45));
      if (regenerate) {
        Node answer = answers.get(r.nextInt(answers.size()));
        Node parent = requireNonNull(nodes.get(answer.parent), "parent");
        advance(5, 600);
        Node again =
            add(uuid(), parent, assistantText(parent.id, t.answer(r.between(200, 1500)), model));
        branchLeaf = turns(again, new ArrayList<>(), new ArrayList<>());
      } else if (!users.isEmpty()) {
        Node edited = users.get(r.nextInt(users.size()));
        Node parent = requireNonNull(nodes.get(edited.parent), "parent");
        advance(5, 600);
        branchLeaf = turns(parent, new ArrayList<>(), new ArrayList<>());
      } else {
        break;
      }
      if (r.chance(0.7)) {
        current = branchLeaf;
      }
    }
    return new Made(
        conversation(created, current), nodes.size(), hasFork(), year == 2026, asciiOnly);
  }

  private boolean hasFork() {
    for (Node n : nodes.values()) {
      if (n.children.size() > 1) {
        return true;
      }
    }
    return false;
  }

  /** Turns under {@code parent} until the budget is spent; the last node. */
  private Node turns(Node parent, List<Node> users, List<Node> answers) {
    Node at = parent;
    while (budget > 0) {
      if (budget == 1) {
        // A question left unanswered (the user closed the tab, or the answer failed).
        advance(30, 3600);
        at = add(uuid(), at, userText(t.prompt()));
        users.add(at);
        break;
      }
      Turn kind = Turn.values()[r.weighted(TURN_WEIGHTS[year - 2023])];
      if (voiceConversation && r.chance(0.8)) {
        kind = Turn.VOICE;
      }
      int pages = r.between(1, 3);
      int cost =
          switch (kind) {
            case TEXT, UPLOAD, VOICE -> 2;
            case CODE, REASONING -> 4;
            case IMAGE -> year >= 2025 ? 5 : 4;
            case BROWSE -> 6;
            case SEARCH -> 3 + pages;
            case REASONED_SEARCH -> 5 + pages;
          };
      if (cost > budget) {
        kind = Turn.TEXT;
        cost = 2;
      }
      advance(20, 7200);
      Node user =
          add(
              uuid(),
              at,
              switch (kind) {
                case UPLOAD -> userUpload();
                case VOICE -> userVoice();
                default -> userText(t.prompt());
              });
      users.add(user);
      at =
          switch (kind) {
            case TEXT -> add(uuid(), user, assistantText(user.id, t.answer(answerLength()), model));
            case UPLOAD ->
                add(uuid(), user, assistantText(user.id, t.answer(answerLength()), model));
            case VOICE -> add(uuid(), user, assistantVoice(user.id));
            case CODE -> codeTurn(user);
            case BROWSE -> browseTurn(user);
            case IMAGE -> imageTurn(user);
            case REASONING -> reasoningTurn(user);
            case SEARCH -> searchTurn(user, pages, false);
            case REASONED_SEARCH -> searchTurn(user, pages, true);
          };
      answers.add(at);
    }
    return at;
  }

  private int answerLength() {
    int kind = r.nextInt(10);
    return kind < 4
        ? r.between(200, 1000)
        : kind < 9 ? r.between(1000, 4000) : r.between(4000, 12000);
  }

  /** Adds a node (spending one of the budget); a message without an id gets the node's id. */
  private Node add(String id, @Nullable Node parent, @Nullable Obj message) {
    Node n = new Node(id, parent == null ? null : parent.id, message);
    if (message != null && message.values.get(0) == null) {
      message.values.set(0, id);
    }
    budget--;
    nodes.put(id, n);
    if (parent != null) {
      parent.children.add(id);
    }
    return n;
  }

  private Obj conversation(long created, Node current) {
    String id = uuid();
    Obj mapping = new Obj();
    for (Node n : nodes.values()) {
      Obj node = new Obj().put("id", n.id).put("message", n.message).put("parent", n.parent);
      if (year < 2026) {
        node.put("children", new ArrayList<Object>(n.children));
      }
      mapping.put(n.id, node);
    }
    String title = r.chance(0.02) ? null : r.chance(0.01) ? "" : t.title();
    Num createTime = time(created);
    Num updateTime = time(micros + r.between(0, 5_000_000));
    Obj c = new Obj();
    c.put("title", title)
        .put("create_time", createTime)
        .put("update_time", updateTime)
        .put("mapping", mapping)
        .put("moderation_results", List.of())
        .put("current_node", current.id);
    if (early2023) {
      return c.put("plugin_ids", null).put("id", id);
    }
    String gizmo =
        r.chance(0.08)
            ? "g-" + base62(9)
            : year >= 2025 && r.chance(0.05) ? "g-p-" + hex(32) : null;
    c.put("plugin_ids", year == 2023 && r.chance(0.1) ? Obj.list("plugin-" + uuid()) : null)
        .put("conversation_id", id)
        .put("conversation_template_id", gizmo)
        .put("gizmo_id", gizmo);
    if (year >= 2024) {
      c.put("gizmo_type", gizmo == null ? null : gizmo.startsWith("g-p-") ? "snorlax" : "gpt");
    }
    c.put("is_archived", r.chance(0.05));
    if (year >= 2024) {
      c.put("is_starred", year >= 2025 ? null : Boolean.FALSE);
    }
    List<@Nullable Object> safeUrls = new ArrayList<>();
    for (int i = r.nextInt(4); i > 0; i--) {
      safeUrls.add(t.url(t.domain()));
    }
    c.put("safe_urls", safeUrls);
    if (year >= 2024) {
      c.put("blocked_urls", List.of());
    }
    c.put("default_model_slug", year == 2026 ? "auto" : model)
        .put("conversation_origin", r.chance(0.03) ? "apple" : null)
        .put("voice", voiceConversation ? r.pick(VOICES) : null);
    if (year >= 2024) {
      c.put("async_status", r.chance(0.02) ? (Object) r.between(2, 4) : null)
          .put("disabled_tool_ids", List.of());
    }
    if (year >= 2025) {
      c.put("is_do_not_remember", r.chance(0.1))
          .put(
              "memory_scope",
              gizmo != null && gizmo.startsWith("g-p-") ? "project" : "global_enabled")
          .put("sugar_item_id", null)
          .put("sugar_item_visible", false)
          .put("is_study_mode", false)
          .put("context_scopes", null)
          .put("owner", null)
          .put("pinned_time", r.chance(0.03) ? time(micros) : null);
    }
    if (year == 2026) {
      c.put("atlas_mode_enabled", null).put("is_read_only", null);
    }
    return c.put("id", id);
  }

  // ---------------------------------------------------------------- messages

  /** A message; its id is set to the id of its node by {@link #add} when {@code id} is null. */
  private Obj message(
      @Nullable String id,
      String role,
      @Nullable String name,
      @Nullable Num createTime,
      Obj content,
      @Nullable Boolean endTurn,
      boolean weighted,
      Obj metadata,
      String recipient,
      @Nullable String channel,
      @Nullable Obj authorMetadata) {
    Obj author = new Obj().put("role", role).put("name", name);
    if (!(year == 2026 && role.equals("user") && r.chance(0.5))) {
      author.put("metadata", authorMetadata == null ? new Obj() : authorMetadata);
    }
    Obj m =
        new Obj()
            .put("id", id)
            .put("author", author)
            .put("create_time", createTime)
            .put(
                "update_time",
                role.equals("tool") && createTime != null && r.chance(0.6)
                    ? time(micros - 700_000)
                    : null)
            .put("content", content);
    boolean tool = role.equals("tool") || role.equals("system");
    if (!early2023 && !(year == 2026 && tool && r.chance(0.3))) {
      m.put("status", "finished_successfully");
    }
    m.put("end_turn", endTurn);
    if (!(year == 2026 && tool && r.chance(0.15))) {
      m.put(
          "weight", year == 2026 ? (Object) (weighted ? 1 : 0) : new Num(weighted ? "1.0" : "0.0"));
    }
    m.put("metadata", metadata).put("recipient", recipient);
    if (!early2023) {
      m.put("channel", channel);
    }
    return m;
  }

  private Obj hiddenSystem(boolean rebase) {
    Obj meta = new Obj().put("is_visually_hidden_from_conversation", true);
    if (rebase) {
      meta.put("rebase_developer_message", true);
    }
    return message(
        null,
        "system",
        null,
        null,
        text(""),
        year == 2023 ? null : Boolean.TRUE,
        rebase,
        meta,
        "all",
        null,
        null);
  }

  private Obj customInstructions2023() {
    Obj data =
        new Obj()
            .put(
                "about_user_message",
                "I live in "
                    + t.words(1, 2)
                    + " and work as a "
                    + t.words(1, 3)
                    + ". "
                    + t.sentence())
            .put("about_model_message", "Be concise. " + t.sentence() + "\nUse \"metric\" units.");
    Obj meta = new Obj().put("is_user_system_message", true).put("user_context_message_data", data);
    return message(
        null, "system", null, time(micros), text(""), Boolean.TRUE, true, meta, "all", null, null);
  }

  private Obj userEditableContext() {
    count("user_editable_context");
    String profile =
        "The user provided the following information about themselves. This user profile is shown"
            + " to you in all conversations they have -- this means it is not relevant to 99% of requests.\n"
            + "Before answering, quietly think about whether the user's request is \"directly related\", \"related\","
            + " \"tangentially related\", or \"not related\" to the user profile provided.\nUser profile:\n```"
            + "Preferred name: "
            + t.name()
            + "\nRole: "
            + t.words(1, 3)
            + "\nOther Information: "
            + t.sentence()
            + "```";
    String instructions =
        r.chance(0.3)
            ? null
            : "The user provided the additional info about how they would like you to respond:\n```"
                + t.sentence()
                + "\n"
                + t.sentence()
                + "```";
    Obj content =
        new Obj()
            .put("content_type", "user_editable_context")
            .put("user_profile", profile)
            .put("user_instructions", instructions);
    Obj data =
        new Obj()
            .put("about_user_message", "Preferred name: " + t.name())
            .put("about_model_message", instructions == null ? "" : t.sentence());
    Obj meta =
        new Obj()
            .put("is_visually_hidden_from_conversation", true)
            .put("user_context_message_data", data)
            .put("is_user_system_message", true);
    return message(null, "user", null, null, content, null, true, meta, "all", null, null);
  }

  private Obj modelEditableContext() {
    count("model_editable_context");
    StringBuilder memory = new StringBuilder();
    for (int i = r.between(2, 6); i > 0; i--) {
      memory
          .append(memory.length() == 0 ? "" : "\n")
          .append("[2024-0")
          .append(r.between(1, 9))
          .append("-1")
          .append(r.between(0, 9))
          .append("]. ")
          .append(t.sentence());
    }
    Obj content =
        new Obj()
            .put("content_type", "model_editable_context")
            .put("model_set_context", memory.toString())
            .put("repository", null)
            .put("repo_summary", null);
    Obj meta = new Obj().put("is_visually_hidden_from_conversation", true);
    return message(null, "assistant", null, null, content, null, true, meta, "all", null, null);
  }

  private Obj userMeta() {
    Obj m = new Obj();
    if (year >= 2025) {
      m.put("system_hints", r.chance(0.1) ? Obj.list("search") : List.of())
          .put("selected_github_repos", List.of());
    }
    if (year == 2026) {
      m.put("developer_mode_connector_ids", List.of());
    }
    if (year >= 2024) {
      m.put("serialization_metadata", new Obj().put("custom_symbol_offsets", List.of()))
          .put("request_id", requestId())
          .put("message_source", null);
    }
    m.put("timestamp_", "absolute");
    if (year < 2026) {
      m.put("message_type", null);
    } else {
      m.put("turn_exchange_id", uuid());
    }
    return m;
  }

  private Obj userText(String prompt) {
    return message(
        null, "user", null, time(micros), text(prompt), null, true, userMeta(), "all", null, null);
  }

  private Obj userUpload() {
    count("multimodal_text");
    int width = r.pick(new Integer[] {1024, 1179, 1536, 2048, 4032});
    int height = r.pick(new Integer[] {768, 1024, 1536, 2556, 3024});
    String fileId = fileId();
    Obj image = imagePointer(fileId, width, height, null);
    Obj meta = userMeta();
    meta.put(
        "attachments",
        Obj.list(
            new Obj()
                .put("id", fileId.substring(fileId.lastIndexOf("file")))
                .put("size", r.between(40_000, 4_000_000))
                .put("name", "IMG_" + r.between(1000, 9999) + ".jpeg")
                .put("mime_type", "image/jpeg")
                .put("width", width)
                .put("height", height)
                .put("source", "local")));
    Obj content =
        new Obj().put("content_type", "multimodal_text").put("parts", Obj.list(image, t.prompt()));
    return message(null, "user", null, time(micros), content, null, true, meta, "all", null, null);
  }

  private Obj userVoice() {
    count("multimodal_text");
    count("part:audio_transcription");
    count("part:real_time_user_audio_video_asset_pointer");
    Obj transcription =
        new Obj()
            .put("content_type", "audio_transcription")
            .put("text", t.sentence())
            .put("direction", "in")
            .put("decoding_id", null);
    Obj audio = audioPointer(r.between(8_000, 400_000));
    Obj av =
        new Obj()
            .put("content_type", "real_time_user_audio_video_asset_pointer")
            .put("expiry_datetime", expiry())
            .put("frames_asset_pointers", List.of())
            .put("video_container_asset_pointer", null)
            .put("audio_asset_pointer", audio)
            .put("audio_start_timestamp", new Num(seconds(r.between(0, 600_000))));
    Obj content =
        new Obj().put("content_type", "multimodal_text").put("parts", Obj.list(transcription, av));
    Obj meta = userMeta();
    meta.put("voice_mode_message", true).put("real_time_audio_has_video", false);
    return message(null, "user", null, time(micros), content, null, true, meta, "all", null, null);
  }

  private Obj audioPointer(int size) {
    Obj meta =
        new Obj()
            .put("start_timestamp", null)
            .put("end_timestamp", null)
            .put("pretokenized_vq", null)
            .put("interruptions", null)
            .put("original_audio_source", null)
            .put("transcription", null)
            .put("word_transcription", null)
            .put("start", new Num("0.0"))
            .put("end", new Num(seconds(r.between(300_000, 30_000_000))));
    return new Obj()
        .put("content_type", "audio_asset_pointer")
        .put("asset_pointer", "sediment://file_" + hex(32))
        .put("size_bytes", size)
        .put("format", "wav")
        .put("expiry_datetime", expiry())
        .put("metadata", meta);
  }

  private String expiry() {
    java.time.Instant at = java.time.Instant.ofEpochSecond(micros / 1_000_000L + 30L * 86_400L);
    return at.toString().replace("Z", "+00:00");
  }

  private Obj assistantMeta(String parentId, String slug, boolean complete) {
    Obj m = new Obj();
    if (year >= 2024) {
      m.put("citations", List.of());
    }
    if (year >= 2025) {
      m.put("content_references", List.of());
    }
    if (complete) {
      m.put("finish_details", finishDetails()).put("is_complete", true);
    }
    m.put("message_type", year >= 2025 ? "next" : null).put("model_slug", slug);
    if (year >= 2024) {
      m.put("default_model_slug", year == 2026 ? "auto" : model);
    }
    if (year == 2024 && r.chance(0.5)) {
      m.put("pad", "A".repeat(r.between(4, 24)));
    }
    m.put("parent_id", parentId);
    if (year >= 2024) {
      m.put("request_id", requestId());
    }
    if (year == 2026) {
      m.put("resolved_model_slug", slug.endsWith("thinking") ? slug : slug + "-instant")
          .put("turn_exchange_id", uuid());
    }
    return m.put("timestamp_", "absolute");
  }

  private Obj finishDetails() {
    if (r.chance(0.03)) {
      return new Obj()
          .put("type", "interrupted")
          .put("reason", r.chance(0.5) ? "client_stopped" : null);
    }
    if (r.chance(0.01)) {
      return new Obj().put("type", "max_tokens");
    }
    if (year == 2023) {
      return new Obj().put("type", "stop").put("stop", "<|diff_marker|>");
    }
    return new Obj()
        .put("type", "stop")
        .put("stop_tokens", Obj.list(year == 2024 ? (Object) 100260 : (Object) 200002));
  }

  private Obj assistantText(String parentId, String answer, String slug) {
    Obj meta = assistantMeta(parentId, slug, true);
    if (year == 2026 && answer.contains("```")) {
      meta.put(
          "code_blocks",
          new Obj()
              .put(
                  "0",
                  new Obj()
                      .put("edited", false)
                      .put("id", uuid())
                      .put("preview_language", "python")
                      .put("previewable", false)));
    }
    return message(
        null,
        "assistant",
        null,
        time(micros),
        text(answer),
        Boolean.TRUE,
        true,
        meta,
        "all",
        year >= 2025 ? "final" : null,
        null);
  }

  private Obj assistantVoice(String parentId) {
    advance(1, 20);
    count("multimodal_text");
    count("part:audio_transcription");
    count("part:audio_asset_pointer");
    Obj transcription =
        new Obj()
            .put("content_type", "audio_transcription")
            .put("text", t.answer(r.between(80, 600)))
            .put("direction", "out")
            .put("decoding_id", null);
    Obj content =
        new Obj()
            .put("content_type", "multimodal_text")
            .put("parts", Obj.list(transcription, audioPointer(r.between(50_000, 3_000_000))));
    Obj meta = assistantMeta(parentId, model, true);
    meta.put("voice_mode_message", true).put("real_time_audio_has_video", false);
    return message(
        null,
        "assistant",
        null,
        time(micros),
        content,
        Boolean.TRUE,
        true,
        meta,
        "all",
        year >= 2025 ? "final" : null,
        null);
  }

  // ---------------------------------------------------------------- turns with tools

  private Node codeTurn(Node user) {
    advance(2, 30);
    String code = t.code("python", crlf);
    Obj call =
        message(
            null,
            "assistant",
            null,
            time(micros),
            code("python", code),
            Boolean.FALSE,
            true,
            assistantMeta(user.id, year == 2023 ? "gpt-4-code-interpreter" : model, true),
            "python",
            year >= 2025 ? "commentary" : null,
            null);
    Node callNode = add(uuid(), user, call);
    advance(1, 60);
    boolean failed = r.chance(0.08);
    String output =
        failed
            ? "---------------------------------------------------------------------------\n"
                + "KeyError                                  Traceback (most recent call last)\nCell In[3], line 7\n"
                + "KeyError: '"
                + t.words(1, 1)
                + "'"
            : t.words(3, 30);
    count("execution_output");
    Obj content = new Obj().put("content_type", "execution_output").put("text", output);
    Obj meta =
        new Obj()
            .put("is_complete", true)
            .put("aggregate_result", aggregateResult(code, output, failed))
            .put("message_type", year >= 2025 ? "next" : null)
            .put("model_slug", model)
            .put("parent_id", callNode.id)
            .put("timestamp_", "absolute");
    Node outNode =
        add(
            uuid(),
            callNode,
            message(
                null,
                "tool",
                "python",
                time(micros),
                content,
                null,
                true,
                meta,
                "all",
                null,
                null));
    advance(2, 60);
    return add(uuid(), outNode, assistantText(outNode.id, t.answer(answerLength()), model));
  }

  private Obj aggregateResult(String code, String output, boolean failed) {
    String run = uuid();
    String msgId = hex(8) + "-" + hex(24) + "_" + r.between(1, 9) + "_" + r.between(1, 9);
    Obj header = new Obj().put("msg_id", msgId).put("version", "5.3");
    List<@Nullable Object> jupyter = new ArrayList<>();
    jupyter.add(
        new Obj()
            .put("msg_type", "status")
            .put("parent_header", header)
            .put("content", new Obj().put("execution_state", "busy")));
    jupyter.add(new Obj().put("msg_type", "execute_input").put("parent_header", header));
    List<@Nullable Object> messages = new ArrayList<>();
    boolean image = !failed && r.chance(0.15);
    if (failed) {
      jupyter.add(
          new Obj()
              .put("msg_type", "error")
              .put("parent_header", header)
              .put(
                  "content",
                  new Obj()
                      .put("traceback", Obj.list("\u001b[0;31mKeyError\u001b[0m", output))
                      .put("ename", "KeyError")
                      .put("evalue", "'x'")));
    } else if (image) {
      String pointer = "file-service://file-" + base62(24);
      messages.add(
          new Obj()
              .put("message_type", "image")
              .put("time", time(micros))
              .put("sender", "server")
              .put("image_payload", null)
              .put("image_url", pointer)
              .put("width", 1200)
              .put("height", 800));
      jupyter.add(
          new Obj()
              .put("msg_type", "display_data")
              .put("parent_header", header)
              .put(
                  "content",
                  new Obj()
                      .put(
                          "data",
                          new Obj()
                              .put("text/plain", "<Figure size 1200x800 with 1 Axes>")
                              .put("image/vnd.openai.fileservice.png", pointer))));
    } else {
      jupyter.add(
          new Obj()
              .put("msg_type", "execute_result")
              .put("parent_header", header)
              .put(
                  "content",
                  new Obj()
                      .put(
                          "data",
                          new Obj()
                              .put("text/plain", output)
                              .put("text/latex", "$\\displaystyle " + r.between(0, 99) + "$"))));
    }
    jupyter.add(
        new Obj()
            .put("msg_type", "status")
            .put("parent_header", header)
            .put("content", new Obj().put("execution_state", "idle")));
    Num start = time(micros - 4_000_000);
    Num end = time(micros);
    Obj exception =
        failed
            ? new Obj()
                .put("name", "KeyError")
                .put("traceback", Obj.list(output))
                .put("args", Obj.list("'x'"))
                .put("notes", List.of())
            : null;
    return new Obj()
        .put("status", failed ? "failed_with_in_kernel_exception" : "success")
        .put("run_id", run)
        .put("start_time", start)
        .put("update_time", end)
        .put("code", code)
        .put("end_time", end)
        .put("final_expression_output", failed ? null : output)
        .put("in_kernel_exception", exception)
        .put("system_exception", null)
        .put("messages", messages)
        .put("jupyter_messages", jupyter)
        .put("timeout_triggered", null);
  }

  private Node browseTurn(Node user) {
    advance(2, 20);
    String query = t.words(2, 6);
    Node call =
        add(
            uuid(),
            user,
            message(
                null,
                "assistant",
                null,
                time(micros),
                code("unknown", "search(\"" + query + "\")"),
                Boolean.FALSE,
                true,
                assistantMeta(user.id, year == 2023 ? "gpt-4-browsing" : model, true),
                "browser",
                null,
                null));
    advance(1, 10);
    count("tether_browsing_display");
    StringBuilder result = new StringBuilder();
    int results = r.between(3, 8);
    List<String[]> sources = new ArrayList<>();
    for (int i = 0; i < results; i++) {
      String domain = t.domain();
      String title = t.words(3, 8);
      String url = t.url(domain);
      sources.add(new String[] {title, url});
      result
          .append("# 【")
          .append(i)
          .append('†')
          .append(title)
          .append('†')
          .append(domain)
          .append("】\n")
          .append(t.sentence())
          .append('\n');
    }
    Obj display =
        new Obj()
            .put("content_type", "tether_browsing_display")
            .put("result", result.toString())
            .put("summary", null)
            .put("assets", null);
    if (year >= 2024) {
      display.put("tether_id", null);
    }
    Obj toolMeta =
        new Obj()
            .put("_cite_metadata", citeMetadata(sources))
            .put("is_complete", true)
            .put("message_type", null)
            .put("model_slug", model)
            .put("parent_id", call.id)
            .put("timestamp_", "absolute");
    Node shown =
        add(
            uuid(),
            call,
            message(
                null,
                "tool",
                "browser",
                time(micros),
                display,
                null,
                true,
                toolMeta,
                "all",
                null,
                null));
    advance(1, 10);
    Node click =
        add(
            uuid(),
            shown,
            message(
                null,
                "assistant",
                null,
                time(micros),
                code("unknown", "mclick([" + r.nextInt(results) + ", " + r.nextInt(results) + "])"),
                Boolean.FALSE,
                true,
                assistantMeta(shown.id, model, true),
                "browser",
                null,
                null));
    advance(1, 20);
    count("tether_quote");
    String[] quoted = sources.get(0);
    Obj quote =
        new Obj()
            .put("content_type", "tether_quote")
            .put("url", quoted[1])
            .put("domain", quoted[1].replaceFirst("https://(www\\.)?", "").replaceFirst("/.*", ""))
            .put("text", t.answer(r.between(300, 2500)))
            .put("title", quoted[0])
            .put("tether_id", null);
    Node quoteNode =
        add(
            uuid(),
            click,
            message(
                null,
                "tool",
                "browser",
                time(micros),
                quote,
                null,
                true,
                new Obj()
                    .put("message_type", null)
                    .put("model_slug", model)
                    .put("parent_id", click.id)
                    .put("timestamp_", "absolute"),
                "all",
                null,
                null));
    advance(2, 40);
    // The answer cites sources with 【n†source】 markers; citations[] points at them.
    StringBuilder answer = new StringBuilder();
    List<@Nullable Object> citations = new ArrayList<>();
    t.answer(
        answer,
        answerLength(),
        out -> {
          int source = r.nextInt(sources.size());
          int start = out.length();
          out.append("【").append(r.between(10, 40)).append('†').append("source").append("】");
          String[] s = sources.get(source);
          citations.add(
              new Obj()
                  .put("start_ix", start)
                  .put("end_ix", out.length())
                  .put("citation_format_type", "tether_og")
                  .put(
                      "metadata",
                      new Obj()
                          .put("type", "webpage")
                          .put("title", s[0])
                          .put("url", s[1])
                          .put("text", "")
                          .put("pub_date", null)
                          .put(
                              "extra",
                              new Obj()
                                  .put("cited_message_idx", r.between(2, 9))
                                  .put("search_result_idx", null)
                                  .put("evidence_text", "source")
                                  .put("start_line_num", r.between(0, 40))
                                  .put("end_line_num", r.between(40, 80)))));
        });
    Obj meta = assistantMeta(quoteNode.id, model, true);
    meta.put("citations", citations);
    return add(
        uuid(),
        quoteNode,
        message(
            null,
            "assistant",
            null,
            time(micros),
            text(answer.toString()),
            Boolean.TRUE,
            true,
            meta,
            "all",
            null,
            null));
  }

  private Obj citeMetadata(List<String[]> sources) {
    List<@Nullable Object> list = new ArrayList<>();
    for (String[] s : sources) {
      list.add(new Obj().put("title", s[0]).put("url", s[1]).put("text", t.sentence()));
    }
    return new Obj()
        .put("citation_format", new Obj().put("name", "tether_og"))
        .put("metadata_list", list)
        .put("original_query", null);
  }

  private Node imageTurn(Node user) {
    advance(2, 15);
    String prompt = t.answer(r.between(100, 500));
    String call =
        "{\n  \"prompt\": " + TreeWriter.asciiLiteral(prompt) + ",\n  \"size\": \"1024x1024\"\n}";
    Node callNode =
        add(
            uuid(),
            user,
            message(
                null,
                "assistant",
                null,
                time(micros),
                code(year >= 2025 ? "json" : "unknown", call),
                Boolean.FALSE,
                true,
                assistantMeta(user.id, year == 2023 ? "gpt-4-dalle" : model, true),
                "dalle.text2im",
                year >= 2025 ? "commentary" : null,
                null));
    advance(10, 60);
    count("multimodal_text");
    Obj genMeta;
    if (year >= 2025) {
      genMeta =
          new Obj()
              .put("dalle", null)
              .put("gizmo", null)
              .put(
                  "generation",
                  new Obj()
                      .put("gen_id", uuid())
                      .put("gen_size", "xlimage")
                      .put("seed", null)
                      .put("parent_gen_id", null)
                      .put("height", 1024)
                      .put("width", 1024)
                      .put("transparent_background", false)
                      .put("serialization_title", "Image Generation metadata"))
              .put("container_pixel_height", 1024)
              .put("container_pixel_width", 1024)
              .put("emu_omit_glimpse_image", null)
              .put("emu_patches_override", null)
              .put("lpe_keep_patch_ijhw", null)
              .put("sanitized", true)
              .put("asset_pointer_link", null)
              .put("watermarked_asset_pointer", null);
    } else {
      genMeta =
          new Obj()
              .put(
                  "dalle",
                  new Obj()
                      .put("gen_id", base62(16))
                      .put("prompt", prompt)
                      .put("seed", r.between(0, Integer.MAX_VALUE - 1))
                      .put("parent_gen_id", null)
                      .put("edit_op", null)
                      .put("serialization_title", "DALL-E generation metadata"))
              .put("gizmo", null)
              .put("generation", null)
              .put("container_pixel_height", null)
              .put("container_pixel_width", null)
              .put("emu_omit_glimpse_image", null)
              .put("emu_patches_override", null)
              .put("sanitized", false)
              .put("asset_pointer_link", null)
              .put("watermarked_asset_pointer", null);
    }
    Obj image = imagePointer(fileId(), 1024, 1024, genMeta);
    Obj content = new Obj().put("content_type", "multimodal_text").put("parts", Obj.list(image));
    Obj toolMeta =
        new Obj()
            .put("message_type", year >= 2025 ? "next" : null)
            .put("model_slug", model)
            .put("parent_id", callNode.id)
            .put("timestamp_", "absolute");
    if (year >= 2025) {
      toolMeta
          .put("image_gen_title", t.words(2, 5))
          .put("image_gen_async", false)
          .put("trigger_async_ux", false);
    }
    Node out =
        add(
            uuid(),
            callNode,
            message(
                null,
                "tool",
                "dalle.text2im",
                time(micros),
                content,
                null,
                true,
                toolMeta,
                "all",
                null,
                null));
    if (year >= 2025) {
      Obj note =
          text(
              "GPT-4o returned 1 images. From now on, do not say or show ANYTHING. Please end this turn"
                  + " now. I repeat: From now on, do not say or show ANYTHING. Please end this turn now. Do not summarize"
                  + " the image. Do not ask followup question. Just end the turn and do not do anything else.");
      out =
          add(
              uuid(),
              out,
              message(
                  null,
                  "tool",
                  "t2uay3k.sj1i4kz",
                  time(micros),
                  note,
                  null,
                  true,
                  new Obj()
                      .put("is_visually_hidden_from_conversation", true)
                      .put("parent_id", out.id),
                  "all",
                  null,
                  null));
    }
    advance(1, 10);
    return add(uuid(), out, assistantText(out.id, t.answer(r.between(40, 300)), model));
  }

  private Obj imagePointer(String pointer, int width, int height, @Nullable Obj metadata) {
    count("part:image_asset_pointer");
    return new Obj()
        .put("content_type", "image_asset_pointer")
        .put("asset_pointer", pointer)
        .put("size_bytes", r.between(50_000, 3_000_000))
        .put("width", width)
        .put("height", height)
        .put("fovea", year == 2023 ? (Object) 512 : null)
        .put("metadata", metadata);
  }

  private Node reasoningTurn(Node user) {
    Node thoughts = thoughts(user);
    Node recap = recap(thoughts);
    advance(1, 30);
    return add(uuid(), recap, assistantText(recap.id, t.answer(answerLength()), reasoningModel));
  }

  private Node thoughts(Node parent) {
    advance(1, 5);
    count("thoughts");
    List<@Nullable Object> list = new ArrayList<>();
    String analysis = uuid();
    for (int i = r.between(1, 5); i > 0; i--) {
      list.add(
          new Obj()
              .put("summary", t.words(2, 5))
              .put("content", t.answer(r.between(100, 700)))
              .put("chunks", List.of())
              .put("finished", true));
    }
    Obj content =
        new Obj()
            .put("content_type", "thoughts")
            .put("thoughts", list)
            .put("source_analysis_msg_id", analysis);
    Obj meta = assistantMeta(parent.id, reasoningModel, false);
    meta.put("reasoning_status", "is_reasoning");
    return add(
        uuid(),
        parent,
        message(
            null,
            "assistant",
            null,
            time(micros),
            content,
            Boolean.FALSE,
            true,
            meta,
            "all",
            null,
            null));
  }

  private Node recap(Node parent) {
    int seconds = r.between(2, 140);
    advance(seconds, seconds);
    count("reasoning_recap");
    Obj content =
        new Obj()
            .put("content_type", "reasoning_recap")
            .put(
                "content",
                seconds < 60
                    ? "Thought for " + seconds + "s"
                    : "Thought for " + seconds / 60 + "m " + seconds % 60 + "s");
    Obj meta = assistantMeta(parent.id, reasoningModel, false);
    meta.put("reasoning_status", "reasoning_ended").put("finished_duration_sec", seconds);
    return add(
        uuid(),
        parent,
        message(
            null,
            "assistant",
            null,
            time(micros),
            content,
            Boolean.FALSE,
            true,
            meta,
            "all",
            null,
            null));
  }

  /**
   * A 2025–26 web search: the call, scraped pages, and an answer whose metadata lists sources and
   * results.
   */
  private Node searchTurn(Node user, int pages, boolean reasoning) {
    int turn = searchTurn++;
    Node at = user;
    if (reasoning) {
      at = thoughts(at);
    }
    advance(1, 8);
    String slug = reasoning ? reasoningModel : searchModel;
    String query = t.words(2, 7);
    Node call =
        add(
            uuid(),
            at,
            message(
                null,
                "assistant",
                null,
                time(micros),
                code(
                    "unknown",
                    "{\"search_query\": [{\"q\": "
                        + TreeWriter.asciiLiteral(query)
                        + ", \"recency\": null}]}"),
                Boolean.FALSE,
                true,
                assistantMeta(at.id, slug, true),
                "web.run",
                "analysis",
                null));
    at = call;

    int count = r.between(4, 12);
    List<Source> sources = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String domain = t.domain();
      sources.add(
          new Source(
              domain,
              t.url(domain),
              t.words(3, 9),
              t.sentence() + " " + t.sentence(),
              r.chance(0.5) ? time(micros - r.between(0, 400) * 86_400_000_000L) : null,
              turn,
              i));
    }
    for (int i = 0; i < pages; i++) {
      advance(1, 6);
      Source s = sources.get(i % sources.size());
      count("sonic_webpage");
      StringBuilder page = new StringBuilder();
      t.answer(page, r.between(600, 3500), null);
      Obj content =
          new Obj()
              .put("content_type", "sonic_webpage")
              .put("url", s.url)
              .put("domain", s.domain)
              .put("title", s.title)
              .put("text", page.toString())
              .put("snippet", s.snippet)
              .put("pub_date", s.pubDate)
              .put("pub_timestamp", s.pubDate)
              .put("crawl_date", null)
              .put("crawl_timestamp", null)
              .put("ref_id", s.ref());
      Obj meta =
          new Obj()
              .put("command", "search")
              .put("status", "finished")
              .put("is_complete", true)
              .put("message_type", "next")
              .put("model_slug", slug)
              .put("parent_id", at.id)
              .put("timestamp_", "absolute");
      at =
          add(
              uuid(),
              at,
              message(
                  null,
                  "tool",
                  "web.run",
                  time(micros),
                  content,
                  null,
                  true,
                  meta,
                  "all",
                  null,
                  null));
    }
    if (reasoning) {
      at = recap(at);
    }
    advance(2, 30);

    // The answer, with citation markers \uE200cite\uE202turn0searchN\uE201 and a content reference
    // for each.
    StringBuilder answer = new StringBuilder();
    List<@Nullable Object> references = new ArrayList<>();
    t.answer(
        answer,
        answerLength(),
        out -> {
          Source s = sources.get(r.nextInt(sources.size()));
          Source s2 = r.chance(0.3) ? sources.get(r.nextInt(sources.size())) : null;
          int start = out.length();
          out.append('\uE200').append("cite").append('\uE202').append(s.refText());
          if (s2 != null) {
            out.append('\uE202').append(s2.refText());
          }
          out.append('\uE201');
          references.add(groupedWebpages(out.substring(start), start, out.length(), s, s2));
        });
    int end = answer.length();
    List<@Nullable Object> footnoteSources = new ArrayList<>();
    List<@Nullable Object> safeUrls = new ArrayList<>();
    for (Source s : sources) {
      footnoteSources.add(
          new Obj().put("title", s.title).put("url", s.url).put("attribution", s.domain));
      safeUrls.add(s.url);
    }
    references.add(
        new Obj()
            .put("matched_text", " ")
            .put("start_idx", end)
            .put("end_idx", end)
            .put("safe_urls", List.of())
            .put("refs", List.of())
            .put("alt", "")
            .put("prompt_text", null)
            .put("type", "sources_footnote")
            .put("sources", footnoteSources)
            .put("has_images", false));
    count("meta:content_references");

    List<@Nullable Object> groups = new ArrayList<>();
    Map<String, List<@Nullable Object>> byDomain = new LinkedHashMap<>();
    int extra = r.between(0, 10);
    for (int i = 0; i < sources.size() + extra; i++) {
      Source s = i < sources.size() ? sources.get(i) : extraSource(turn, i);
      byDomain
          .computeIfAbsent(s.domain, k -> new ArrayList<>())
          .add(
              new Obj()
                  .put("type", "search_result")
                  .put("url", s.url)
                  .put("title", s.title)
                  .put("snippet", s.snippet)
                  .put("ref_id", s.ref())
                  .put("pub_date", s.pubDate)
                  .put("attribution", s.domain));
    }
    for (Map.Entry<String, List<@Nullable Object>> e : byDomain.entrySet()) {
      groups.add(
          new Obj()
              .put("type", "search_result_group")
              .put("domain", e.getKey())
              .put("entries", e.getValue()));
    }
    count("meta:search_result_groups");

    Obj meta = assistantMeta(at.id, slug, true);
    meta.put("search_result_groups", groups)
        .put("content_references", references)
        .put("safe_urls", safeUrls)
        .put("search_queries", Obj.list(new Obj().put("type", "search").put("q", query)))
        .put("search_display_string", "Searching the web…")
        .put("searched_display_string", "Searched the web")
        .put("search_turns_count", 1)
        .put("search_source", "composer_auto")
        .put("client_reported_search_source", "conversation_composer_previous_web_mode");
    Obj message =
        message(
            null,
            "assistant",
            null,
            time(micros),
            text(answer.toString()),
            Boolean.TRUE,
            true,
            meta,
            "all",
            "final",
            year == 2026 && r.chance(0.3) ? new Obj().put("real_author", "tool:web") : null);
    return add(uuid(), at, message);
  }

  private Source extraSource(int turn, int index) {
    String domain = t.domain();
    return new Source(domain, t.url(domain), t.words(3, 9), t.sentence(), null, turn, index);
  }

  private Obj groupedWebpages(String matched, int start, int end, Source s, @Nullable Source s2) {
    List<@Nullable Object> items = new ArrayList<>();
    List<@Nullable Object> refs = new ArrayList<>();
    List<@Nullable Object> urls = new ArrayList<>();
    for (Source x : s2 == null ? List.of(s) : List.of(s, s2)) {
      items.add(
          new Obj()
              .put("title", x.title)
              .put("url", x.url)
              .put("pub_date", x.pubDate)
              .put("snippet", x.snippet)
              .put("attribution_segments", null)
              .put("supporting_websites", List.of())
              .put("refs", Obj.list(x.ref()))
              .put("hue", null)
              .put("attributions", null)
              .put("attribution", x.domain));
      refs.add(x.ref());
      urls.add(x.url);
    }
    return new Obj()
        .put("matched_text", matched)
        .put("start_idx", start)
        .put("end_idx", end)
        .put("safe_urls", urls)
        .put("refs", refs)
        .put("alt", "([" + s.domain + "](" + s.url + "))")
        .put("prompt_text", null)
        .put("type", "grouped_webpages")
        .put("items", items)
        .put("fallback_items", null)
        .put("status", "done")
        .put("error", null)
        .put("style", null);
  }

  /** A web page found by a search. */
  private record Source(
      String domain,
      String url,
      String title,
      String snippet,
      @Nullable Num pubDate,
      int turn,
      int index) {
    Obj ref() {
      return new Obj().put("turn_index", turn).put("ref_type", "search").put("ref_index", index);
    }

    String refText() {
      return "turn" + turn + "search" + index;
    }
  }

  // ---------------------------------------------------------------- contents and values

  private Obj text(String part) {
    count("text");
    return new Obj().put("content_type", "text").put("parts", Obj.list(part));
  }

  private Obj code(String language, String code) {
    count("code");
    return new Obj()
        .put("content_type", "code")
        .put("language", language)
        .put("response_format_name", null)
        .put("text", code);
  }

  private void count(String contentType) {
    contentTypes.computeIfAbsent(contentType, k -> new long[1])[0]++;
  }

  private void advance(int minSeconds, int maxSeconds) {
    micros += r.between(minSeconds, maxSeconds) * 1_000_000L + r.nextInt(1_000_000);
  }

  private Num time(long at) {
    return new Num(seconds(at));
  }

  /** Python's repr of the float seconds: trailing zeros dropped, at least one decimal. */
  private String seconds(long at) {
    long s = Math.floorDiv(at, 1_000_000L);
    long frac = Math.floorMod(at, 1_000_000L);
    if (timeDecimals == 3) {
      frac /= 1000;
    }
    char[] digits = new char[timeDecimals];
    for (int i = timeDecimals - 1; i >= 0; i--) {
      digits[i] = (char) ('0' + frac % 10);
      frac /= 10;
    }
    int n = timeDecimals;
    while (n > 1 && digits[n - 1] == '0') {
      n--;
    }
    return s + "." + new String(digits, 0, n);
  }

  private String requestId() {
    return hex(16) + requestSuffix;
  }

  private String fileId() {
    return year == 2023 ? "file-service://file-" + base62(24) : "sediment://file_" + hex(32);
  }

  private String uuid() {
    long a = r.nextLong();
    long b = r.nextLong();
    char[] c = new char[36];
    int k = 0;
    for (int i = 0; i < 32; i++) {
      long word = i < 16 ? a : b;
      int nibble = (int) (word >>> (60 - 4 * (i % 16))) & 0xF;
      if (i == 12) {
        nibble = 4;
      } else if (i == 16) {
        nibble = 8 | nibble & 3;
      }
      if (i == 8 || i == 12 || i == 16 || i == 20) {
        c[k++] = '-';
      }
      c[k++] = HEX[nibble];
    }
    return new String(c);
  }

  private String hex(int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = HEX[r.nextInt(16)];
    }
    return new String(c);
  }

  private String base62(int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = BASE62[r.nextInt(62)];
    }
    return new String(c);
  }

  /** Content-type counters, sorted by name, for a summary. */
  static Map<String, Long> snapshot(Map<String, long[]> counters) {
    Map<String, Long> out = new TreeMap<>();
    for (Map.Entry<String, long[]> e : counters.entrySet()) {
      out.put(e.getKey(), e.getValue()[0]);
    }
    return out;
  }
}
