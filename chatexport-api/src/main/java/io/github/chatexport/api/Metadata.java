package io.github.chatexport.api;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A message's {@code metadata} object: kept whole, as written, with typed views of what tools use.
 *
 * <p>The metadata of 2025–26 exports holds dozens of keys (citations, search results, model
 * routing, canvas, voice) that change often; keeping it whole means nothing is lost when OpenAI
 * adds one. The typed views read from {@link #json()} and are empty when a key is absent or has an
 * unexpected type.
 *
 * @param json the metadata object as written
 */
public record Metadata(RawJson.JsonObject json) {
  /** Empty metadata. */
  public static final Metadata EMPTY = new Metadata(RawJson.JsonObject.EMPTY);

  /** Checks the component. */
  public Metadata {
    requireNonNull(json, "json");
  }

  /** The raw value of {@code key}, or {@link RawJson.JsonNull#MISSING}. */
  public RawJson get(String key) {
    return json.get(key);
  }

  /** Returns a copy with {@code key} set to {@code value}. */
  public Metadata with(String key, RawJson value) {
    return new Metadata(json.with(key, value));
  }

  /** Returns a copy without {@code key}. */
  public Metadata without(String key) {
    return new Metadata(json.without(key));
  }

  /** {@code model_slug}: the model that wrote the message, such as {@code gpt-4o}. */
  public Optional<String> modelSlug() {
    return string("model_slug");
  }

  /** {@code resolved_model_slug} (2026), else {@code model_slug}. */
  public Optional<String> resolvedModelSlug() {
    Optional<String> resolved = string("resolved_model_slug");
    return resolved.isPresent() ? resolved : modelSlug();
  }

  /** {@code finish_details}: why the model stopped. */
  public Optional<FinishDetails> finishDetails() {
    return json.get("finish_details") instanceof RawJson.JsonObject o
        ? Optional.of(new FinishDetails(o.get("type").asString().orElse(null), o))
        : Optional.empty();
  }

  /** {@code is_visually_hidden_from_conversation}: whether chatgpt.com hid the message. */
  public boolean isVisuallyHidden() {
    return flag("is_visually_hidden_from_conversation");
  }

  /**
   * {@code is_user_system_message}: whether the message holds the user's custom instructions
   * (2023–24 form).
   */
  public boolean isUserSystemMessage() {
    return flag("is_user_system_message");
  }

  /** {@code voice_mode_message}: whether the message was spoken in voice mode. */
  public boolean isVoiceModeMessage() {
    return flag("voice_mode_message");
  }

  /** {@code reasoning_status}, such as {@code is_reasoning} or {@code reasoning_ended}. */
  public Optional<String> reasoningStatus() {
    return string("reasoning_status");
  }

  /** {@code finished_duration_sec}: how long the model thought. */
  public Optional<BigDecimal> finishedDurationSec() {
    return json.get("finished_duration_sec").asNumber();
  }

  /** {@code aggregate_result}: the code interpreter's full result (code, output, images). */
  public Optional<RawJson.JsonObject> aggregateResult() {
    return json.get("aggregate_result") instanceof RawJson.JsonObject o
        ? Optional.of(o)
        : Optional.empty();
  }

  /** {@code attachments}: files the user attached. */
  public List<Attachment> attachments() {
    List<Attachment> out = new ArrayList<>();
    for (RawJson.JsonObject o : objects("attachments")) {
      RawJson mime = o.get("mime_type");
      if (mime.isNull()) {
        mime = o.get("mimeType");
      }
      out.add(
          new Attachment(
              o.get("id").asString().orElse(""),
              o.get("name").asString().orElse(null),
              longInteger(o.get("size")),
              mime.asString().orElse(null),
              o));
    }
    return List.copyOf(out);
  }

  /** {@code citations}: the 2023–24 citation form. */
  public List<Citation> citations() {
    List<Citation> out = new ArrayList<>();
    for (RawJson.JsonObject o : objects("citations")) {
      RawJson meta = o.get("metadata");
      out.add(
          new Citation(
              integer(o.get("start_ix")),
              integer(o.get("end_ix")),
              meta.get("url").asString().orElse(null),
              meta.get("title").asString().orElse(null),
              o));
    }
    return List.copyOf(out);
  }

  /**
   * {@code content_references}: the 2025–26 citation form. {@code matched_text} is the marked-up
   * text in the message (with the private-use markers U+E200–U+E202); the indexes are as written.
   */
  public List<ContentReference> contentReferences() {
    List<ContentReference> out = new ArrayList<>();
    for (RawJson.JsonObject o : objects("content_references")) {
      out.add(
          new ContentReference(
              o.get("matched_text").asString().orElse(null),
              integer(o.get("start_idx")),
              integer(o.get("end_idx")),
              o.get("type").asString().orElse(null),
              o));
    }
    return List.copyOf(out);
  }

  /** The entries of every group of {@code search_result_groups}, in order. */
  public List<SearchResult> searchResults() {
    List<SearchResult> out = new ArrayList<>();
    for (RawJson.JsonObject group : objects("search_result_groups")) {
      if (group.get("entries") instanceof RawJson.JsonArray entries) {
        for (RawJson entry : entries.elements()) {
          if (entry instanceof RawJson.JsonObject e) {
            out.add(
                new SearchResult(
                    e.get("url").asString().orElse(null),
                    e.get("title").asString().orElse(null),
                    e.get("snippet").asString().orElse(null),
                    group.get("domain").asString().orElse(null),
                    e));
          }
        }
      }
    }
    return List.copyOf(out);
  }

  private Optional<String> string(String key) {
    return json.get(key).asString();
  }

  private boolean flag(String key) {
    return json.get(key).asBoolean().orElse(false);
  }

  private List<RawJson.JsonObject> objects(String key) {
    if (!(json.get(key) instanceof RawJson.JsonArray array)) {
      return List.of();
    }
    List<RawJson.JsonObject> out = new ArrayList<>(array.elements().size());
    for (RawJson element : array.elements()) {
      if (element instanceof RawJson.JsonObject o) {
        out.add(o);
      }
    }
    return out;
  }

  private static @Nullable Long longInteger(RawJson value) {
    Optional<BigDecimal> n = value.asNumber();
    if (n.isEmpty()) {
      return null;
    }
    try {
      return n.get().longValueExact();
    } catch (ArithmeticException e) {
      return null;
    }
  }

  private static @Nullable Integer integer(RawJson value) {
    Optional<BigDecimal> n = value.asNumber();
    if (n.isEmpty()) {
      return null;
    }
    try {
      return n.get().intValueExact();
    } catch (ArithmeticException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "Metadata[" + json.members().size() + " keys]";
  }

  /**
   * {@code finish_details}.
   *
   * @param type {@code stop}, {@code interrupted}, {@code max_tokens}, …
   * @param json the whole object
   */
  public record FinishDetails(@Nullable String type, RawJson.JsonObject json) {
    /** Checks the components. */
    public FinishDetails {
      requireNonNull(json, "json");
    }
  }

  /**
   * An attachment.
   *
   * @param id the file id, matching an asset of the export when it was exported
   * @param name the file's display name, as given (untrusted)
   * @param size the size in bytes
   * @param mimeType the MIME type ({@code mime_type} or {@code mimeType})
   * @param json the whole object
   */
  public record Attachment(
      String id,
      @Nullable String name,
      @Nullable Long size,
      @Nullable String mimeType,
      RawJson.JsonObject json) {
    /** Checks the components. */
    public Attachment {
      requireNonNull(id, "id");
      requireNonNull(json, "json");
    }

    @Override
    public String toString() {
      return "Attachment[" + id + ", " + size + " bytes, " + mimeType + "]";
    }
  }

  /**
   * A citation of the 2023–24 form.
   *
   * @param startIx start index in the message text
   * @param endIx end index in the message text
   * @param url the cited URL
   * @param title the cited title
   * @param json the whole object
   */
  public record Citation(
      @Nullable Integer startIx,
      @Nullable Integer endIx,
      @Nullable String url,
      @Nullable String title,
      RawJson.JsonObject json) {
    /** Checks the components. */
    public Citation {
      requireNonNull(json, "json");
    }

    @Override
    public String toString() {
      return "Citation[" + startIx + ".." + endIx + "]";
    }
  }

  /**
   * A content reference of the 2025–26 form.
   *
   * @param matchedText the marked-up text the reference replaces
   * @param startIdx start index, as written
   * @param endIdx end index, as written
   * @param type the reference type ({@code grouped_webpages}, {@code sources_footnote}, {@code
   *     image_v2}, …)
   * @param json the whole object
   */
  public record ContentReference(
      @Nullable String matchedText,
      @Nullable Integer startIdx,
      @Nullable Integer endIdx,
      @Nullable String type,
      RawJson.JsonObject json) {
    /** Checks the components. */
    public ContentReference {
      requireNonNull(json, "json");
    }

    @Override
    public String toString() {
      return "ContentReference[" + type + ", " + startIdx + ".." + endIdx + "]";
    }
  }

  /**
   * One search result.
   *
   * @param url the result's URL
   * @param title the result's title
   * @param snippet the snippet
   * @param domain the domain of its group
   * @param json the whole entry
   */
  public record SearchResult(
      @Nullable String url,
      @Nullable String title,
      @Nullable String snippet,
      @Nullable String domain,
      RawJson.JsonObject json) {
    /** Checks the components. */
    public SearchResult {
      requireNonNull(json, "json");
    }

    @Override
    public String toString() {
      return "SearchResult[" + domain + "]";
    }
  }
}
