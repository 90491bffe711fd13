package io.github.chatexport.api;

import static java.util.Objects.requireNonNull;

import io.github.chatexport.api.internal.CitationSpans;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A message: who wrote it, when, and what.
 *
 * <p>Of the message object only {@code content} is reliably present; every other field may be
 * absent in some era ({@code status} in April 2023 and in some 2026 messages, {@code weight} in
 * 2026). Absent and null fields read as null here, and {@link #extras()} remembers which were
 * absent.
 *
 * @param id the message id (usually the node id)
 * @param author who wrote it
 * @param createTime when it was written; null on hidden system messages
 * @param updateTime when it was last updated; may be earlier than {@code createTime} on tool
 *     messages
 * @param content the content
 * @param status {@code finished_successfully}, {@code in_progress}, {@code error}, …
 * @param endTurn whether the message ended the model's turn
 * @param weight {@code 1} for normal messages, {@code 0} for hidden ones, as the exact number
 *     written
 * @param metadata the metadata object, whole
 * @param recipient {@code all}, or the tool an assistant message calls
 * @param channel {@code final}, {@code analysis}, {@code commentary} (reasoning models), else null
 * @param extras fields of the message object that no component holds
 */
public record Message(
    String id,
    Author author,
    @Nullable Instant createTime,
    @Nullable Instant updateTime,
    Content content,
    @Nullable String status,
    @Nullable Boolean endTurn,
    @Nullable BigDecimal weight,
    Metadata metadata,
    @Nullable String recipient,
    @Nullable String channel,
    Extras extras) {

  private static final Set<String> HIDDEN_CONTENT =
      Set.of(
          Content.UserEditableContext.CONTENT_TYPE,
          Content.ModelEditableContext.CONTENT_TYPE,
          Content.Thoughts.CONTENT_TYPE,
          Content.ReasoningRecap.CONTENT_TYPE,
          Content.TetherBrowsingDisplay.CONTENT_TYPE,
          "tether_browsing_code",
          Content.TetherQuote.CONTENT_TYPE,
          Content.SonicWebpage.CONTENT_TYPE,
          Content.SystemError.CONTENT_TYPE,
          Content.ComputerOutput.CONTENT_TYPE);

  /** Checks the components. */
  public Message {
    requireNonNull(id, "id");
    requireNonNull(author, "author");
    requireNonNull(content, "content");
    requireNonNull(metadata, "metadata");
    requireNonNull(extras, "extras");
  }

  /**
   * A message with the given id, author and content, and nothing else: the stable way to start
   * building one (then {@code with…}).
   */
  public static Message of(String id, Author author, Content content) {
    return new Message(
        id, author, null, null, content, null, null, null, Metadata.EMPTY, null, null, Extras.NONE);
  }

  /**
   * The readable text: text parts joined with {@code \n}; for content that is one text (code,
   * execution output, quotes, recaps, system errors) that text; empty when there is none. Citation
   * markers (U+E200–U+E202) are left as they are.
   */
  public String text() {
    return content.text();
  }

  /**
   * The citations in {@link #text()}, in text order, with their sources: the 2023–24 {@code
   * citations} (spans such as {@code 【1†source】}; when a span's indexes do not hold such a mark,
   * the i-th mark of the text is taken for the i-th citation) and the 2025–26 {@code
   * content_references} (marked-up text with the private-use markers U+E200–U+E202, found in order;
   * sources from {@code items}, else {@code safe_urls}). Spans that overlap an earlier one are left
   * out. A tool that renders footnotes replaces each span with its marker.
   */
  public List<CitationSpan> citationSpans() {
    return CitationSpans.of(this);
  }

  /** The author's role, as written. */
  public String role() {
    return author.role();
  }

  /**
   * Whether chatgpt.com showed this message in the chat window: user and assistant messages
   * addressed to everyone, and tool output shown inline (images, code results); not system or
   * context messages, tool calls, thoughts, recaps, browsing or web-page messages, and nothing
   * flagged hidden.
   */
  public boolean shownInChat() {
    if (metadata.isVisuallyHidden()) {
      return false;
    }
    if (HIDDEN_CONTENT.contains(content.contentType())) {
      return false;
    }
    switch (author.role()) {
      case Author.USER:
        return true;
      case Author.ASSISTANT:
        return (recipient == null || "all".equals(recipient)) && !"analysis".equals(channel);
      case Author.TOOL:
        return content instanceof Content.ExecutionOutput
            || content instanceof Content.MultimodalText;
      default:
        return false;
    }
  }

  /** Returns a copy with another id. */
  public Message withId(String id) {
    return new Message(
        id,
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
        extras.typed("id"));
  }

  /** Returns a copy with another author. */
  public Message withAuthor(Author author) {
    return new Message(
        id,
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
        extras.typed("author"));
  }

  /** Returns a copy with another creation time. */
  public Message withCreateTime(@Nullable Instant createTime) {
    return new Message(
        id,
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
        extras.typed("create_time"));
  }

  /** Returns a copy with another update time. */
  public Message withUpdateTime(@Nullable Instant updateTime) {
    return new Message(
        id,
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
        extras.typed("update_time"));
  }

  /** Returns a copy with other content. */
  public Message withContent(Content content) {
    return new Message(
        id,
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
        extras.typed("content"));
  }

  /** Returns a copy with another status. */
  public Message withStatus(@Nullable String status) {
    return new Message(
        id,
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
        extras.typed("status"));
  }

  /** Returns a copy with other metadata. */
  public Message withMetadata(Metadata metadata) {
    return new Message(
        id,
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
        extras.typed("metadata"));
  }

  /** Returns a copy with another recipient. */
  public Message withRecipient(@Nullable String recipient) {
    return new Message(
        id,
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
        extras.typed("recipient"));
  }

  /** Returns a copy with other extras. */
  public Message withExtras(Extras extras) {
    return new Message(
        id,
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
        extras);
  }

  @Override
  public String toString() {
    return "Message[" + id + ", " + author.role() + ", " + content + "]";
  }
}
