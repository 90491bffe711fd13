package io.github.chatexport.api;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The content of a message, one record per {@code content_type} of the export, and {@link Unknown}
 * for any other.
 *
 * <p>{@link #contentType()} is the {@code content_type} string as written. {@link #text()} is the
 * readable text: text parts joined with {@code \n}, or the one text of code, output, quotes, recaps
 * and errors; empty when there is none. On Java 17, dispatch with {@code instanceof}:
 *
 * <pre>{@code
 * Content content = message.content();
 * if (content instanceof Content.Code code) {
 *   render(code.language(), code.text());
 * } else if (content instanceof Content.MultimodalText multimodal) {
 *   multimodal.parts().forEach(this::render);
 * } else {
 *   render(content.text());
 * }
 * }</pre>
 *
 * <p>Every record keeps the fields it does not type in {@link #extras()}; {@link Unknown} keeps the
 * whole object. {@code toString()} shows types and sizes, never content.
 */
public sealed interface Content
    permits Content.Text,
        Content.MultimodalText,
        Content.Code,
        Content.ExecutionOutput,
        Content.TetherBrowsingDisplay,
        Content.TetherQuote,
        Content.SystemError,
        Content.UserEditableContext,
        Content.ModelEditableContext,
        Content.Thoughts,
        Content.ReasoningRecap,
        Content.ComputerOutput,
        Content.SonicWebpage,
        Content.Unknown {

  /** The {@code content_type} as written. */
  String contentType();

  /** The readable text; empty when there is none. */
  String text();

  /** Fields of the content object that no component holds. */
  Extras extras();

  /**
   * {@code text}: a list of strings, usually one.
   *
   * @param parts the string parts; empty when the export's {@code parts} was not a list of strings
   *     (then it is kept in {@link #extras()})
   * @param extras fields no component holds
   */
  record Text(List<String> parts, Extras extras) implements Content {
    /** The content type of this record. */
    public static final String CONTENT_TYPE = "text";

    /** Copies the components. */
    public Text {
      parts = List.copyOf(parts);
      requireNonNull(extras, "extras");
    }

    /** Text content of one part. */
    public static Text of(String text) {
      return new Text(List.of(text), Extras.NONE);
    }

    @Override
    public String contentType() {
      return CONTENT_TYPE;
    }

    @Override
    public String text() {
      return parts.size() == 1 ? parts.get(0) : String.join("\n", parts);
    }

    @Override
    public String toString() {
      return "Text[" + parts.size() + " parts, " + Util.length(parts) + " chars]";
    }
  }

  /**
   * {@code multimodal_text}: strings, images, audio and other parts.
   *
   * @param parts the parts, in order
   * @param extras fields no component holds
   */
  record MultimodalText(List<Part> parts, Extras extras) implements Content {
    /** The content type of this record. */
    public static final String CONTENT_TYPE = "multimodal_text";

    /** Copies the components. */
    public MultimodalText {
      parts = List.copyOf(parts);
      requireNonNull(extras, "extras");
    }

    @Override
    public String contentType() {
      return CONTENT_TYPE;
    }

    @Override
    public String text() {
      List<String> texts = new ArrayList<>(parts.size());
      for (Part part : parts) {
        String text = part.readableText();
        if (text != null) {
          texts.add(text);
        }
      }
      return String.join("\n", texts);
    }

    @Override
    public String toString() {
      return "MultimodalText[" + parts.size() + " parts]";
    }
  }

  /**
   * {@code code}: code the model wrote, often a tool call (see {@link Message#recipient()}).
   *
   * @param language the language as written ({@code python}, {@code json}, {@code unknown}, …)
   * @param responseFormatName the response format name
   * @param text the code
   * @param extras fields no component holds
   */
  record Code(
      @Nullable String language, @Nullable String responseFormatName, String text, Extras extras)
      implements Content {
    /** The content type of this record. */
    public static final String CONTENT_TYPE = "code";

    /** Checks the components. */
    public Code {
      requireNonNull(text, "text");
      requireNonNull(extras, "extras");
    }

    @Override
    public String contentType() {
      return CONTENT_TYPE;
    }

    @Override
    public String toString() {
      return "Code[" + language + ", " + text.length() + " chars]";
    }
  }

  /**
   * {@code execution_output}: what a tool (usually {@code python}) printed. Images and the full
   * result are in the message's {@code metadata.aggregate_result}.
   *
   * @param text the output
   * @param extras fields no component holds
   */
  record ExecutionOutput(String text, Extras extras) implements Content {
    /** The content type of this record. */
    public static final String CONTENT_TYPE = "execution_output";

    /** Checks the components. */
    public ExecutionOutput {
      requireNonNull(text, "text");
      requireNonNull(extras, "extras");
    }

    @Override
    public String contentType() {
      return CONTENT_TYPE;
    }

    @Override
    public String toString() {
      return "ExecutionOutput[" + text.length() + " chars]";
    }
  }

  /**
   * {@code tether_browsing_display}: what the browser tool showed the model.
   *
   * @param result the result text
   * @param summary the summary
   * @param extras fields no component holds ({@code assets}, {@code tether_id}, …)
   */
  record TetherBrowsingDisplay(String result, @Nullable String summary, Extras extras)
      implements Content {
    /** The content type of this record. */
    public static final String CONTENT_TYPE = "tether_browsing_display";

    /** Checks the components. */
    public TetherBrowsingDisplay {
      requireNonNull(result, "result");
      requireNonNull(extras, "extras");
    }

    @Override
    public String contentType() {
      return CONTENT_TYPE;
    }

    @Override
    public String text() {
      return result;
    }

    @Override
    public String toString() {
      return "TetherBrowsingDisplay[" + result.length() + " chars]";
    }
  }

  /**
   * {@code tether_quote}: a quote from a web page.
   *
   * @param url the page's URL
   * @param domain the page's domain
   * @param text the quoted text
   * @param title the page's title
   * @param extras fields no component holds
   */
  record TetherQuote(
      @Nullable String url,
      @Nullable String domain,
      String text,
      @Nullable String title,
      Extras extras)
      implements Content {
    /** The content type of this record. */
    public static final String CONTENT_TYPE = "tether_quote";

    /** Checks the components. */
    public TetherQuote {
      requireNonNull(text, "text");
      requireNonNull(extras, "extras");
    }

    @Override
    public String contentType() {
      return CONTENT_TYPE;
    }

    @Override
    public String toString() {
      return "TetherQuote[" + text.length() + " chars]";
    }
  }

  /**
   * {@code system_error}: a tool error.
   *
   * @param name the error's name
   * @param text the error text
   * @param extras fields no component holds
   */
  record SystemError(@Nullable String name, String text, Extras extras) implements Content {
    /** The content type of this record. */
    public static final String CONTENT_TYPE = "system_error";

    /** Checks the components. */
    public SystemError {
      requireNonNull(text, "text");
      requireNonNull(extras, "extras");
    }

    @Override
    public String contentType() {
      return CONTENT_TYPE;
    }

    @Override
    public String toString() {
      return "SystemError[" + name + ", " + text.length() + " chars]";
    }
  }

  /**
   * {@code user_editable_context}: the custom instructions, sent as a hidden user message.
   *
   * @param userProfile what the user said about themselves
   * @param userInstructions how the user wants the model to answer
   * @param extras fields no component holds
   */
  record UserEditableContext(
      @Nullable String userProfile, @Nullable String userInstructions, Extras extras)
      implements Content {
    /** The content type of this record. */
    public static final String CONTENT_TYPE = "user_editable_context";

    /** Checks the components. */
    public UserEditableContext {
      requireNonNull(extras, "extras");
    }

    @Override
    public String contentType() {
      return CONTENT_TYPE;
    }

    @Override
    public String text() {
      if (userProfile == null) {
        return userInstructions == null ? "" : userInstructions;
      }
      return userInstructions == null ? userProfile : userProfile + "\n" + userInstructions;
    }

    @Override
    public String toString() {
      return "UserEditableContext["
          + Util.length(userProfile)
          + " + "
          + Util.length(userInstructions)
          + " chars]";
    }
  }

  /**
   * {@code model_editable_context}: the model's memory ("bio") context.
   *
   * @param modelSetContext the memory text
   * @param extras fields no component holds ({@code repository}, {@code structured_context}, …)
   */
  record ModelEditableContext(@Nullable String modelSetContext, Extras extras) implements Content {
    /** The content type of this record. */
    public static final String CONTENT_TYPE = "model_editable_context";

    /** Checks the components. */
    public ModelEditableContext {
      requireNonNull(extras, "extras");
    }

    @Override
    public String contentType() {
      return CONTENT_TYPE;
    }

    @Override
    public String text() {
      return modelSetContext == null ? "" : modelSetContext;
    }

    @Override
    public String toString() {
      return "ModelEditableContext[" + Util.length(modelSetContext) + " chars]";
    }
  }

  /**
   * {@code thoughts}: the reasoning of thinking models.
   *
   * @param thoughts the thoughts, in order
   * @param sourceAnalysisMsgId the id of the analysis message they come from
   * @param extras fields no component holds
   */
  record Thoughts(List<Thought> thoughts, @Nullable String sourceAnalysisMsgId, Extras extras)
      implements Content {
    /** The content type of this record. */
    public static final String CONTENT_TYPE = "thoughts";

    /** Copies the components. */
    public Thoughts {
      thoughts = List.copyOf(thoughts);
      requireNonNull(extras, "extras");
    }

    @Override
    public String contentType() {
      return CONTENT_TYPE;
    }

    @Override
    public String text() {
      List<String> texts = new ArrayList<>(thoughts.size());
      for (Thought thought : thoughts) {
        if (thought.content() != null) {
          texts.add(thought.content());
        }
      }
      return String.join("\n", texts);
    }

    @Override
    public String toString() {
      return "Thoughts[" + thoughts.size() + " thoughts]";
    }
  }

  /**
   * One thought of a {@link Thoughts}.
   *
   * @param summary the short summary shown as a heading
   * @param content the thought
   * @param chunks the thought in chunks, as streamed
   * @param finished whether the thought was finished
   * @param extras fields no component holds
   */
  record Thought(
      @Nullable String summary,
      @Nullable String content,
      List<String> chunks,
      @Nullable Boolean finished,
      Extras extras) {
    /** Copies the components. */
    public Thought {
      chunks = List.copyOf(chunks);
      requireNonNull(extras, "extras");
    }

    @Override
    public String toString() {
      return "Thought[" + Util.length(summary) + " + " + Util.length(content) + " chars]";
    }
  }

  /**
   * {@code reasoning_recap}: the line shown after thinking, such as "Thought for 12s".
   *
   * @param content the recap
   * @param extras fields no component holds
   */
  record ReasoningRecap(String content, Extras extras) implements Content {
    /** The content type of this record. */
    public static final String CONTENT_TYPE = "reasoning_recap";

    /** Checks the components. */
    public ReasoningRecap {
      requireNonNull(content, "content");
      requireNonNull(extras, "extras");
    }

    @Override
    public String contentType() {
      return CONTENT_TYPE;
    }

    @Override
    public String text() {
      return content;
    }

    @Override
    public String toString() {
      return "ReasoningRecap[" + content.length() + " chars]";
    }
  }

  /**
   * {@code computer_output}: what the agent's computer showed (Operator, agent mode).
   *
   * @param computerId the computer's id
   * @param screenshot the screenshot (an image pointer object), null when absent
   * @param state the computer's state object, null when absent
   * @param isEphemeral whether the output is ephemeral
   * @param extras fields no component holds
   */
  record ComputerOutput(
      @Nullable String computerId,
      @Nullable RawJson screenshot,
      @Nullable RawJson state,
      @Nullable Boolean isEphemeral,
      Extras extras)
      implements Content {
    /** The content type of this record. */
    public static final String CONTENT_TYPE = "computer_output";

    /** Checks the components. */
    public ComputerOutput {
      requireNonNull(extras, "extras");
    }

    @Override
    public String contentType() {
      return CONTENT_TYPE;
    }

    @Override
    public String text() {
      return "";
    }

    @Override
    public String toString() {
      return "ComputerOutput[" + computerId + "]";
    }
  }

  /**
   * {@code sonic_webpage}: a web page the search tool read (2025 onward).
   *
   * @param url the page's URL
   * @param domain the page's domain
   * @param title the page's title
   * @param text the page's text as the model saw it
   * @param snippet the search snippet
   * @param extras fields no component holds ({@code pub_date}, {@code crawl_date}, {@code ref_id},
   *     …)
   */
  record SonicWebpage(
      @Nullable String url,
      @Nullable String domain,
      @Nullable String title,
      String text,
      @Nullable String snippet,
      Extras extras)
      implements Content {
    /** The content type of this record. */
    public static final String CONTENT_TYPE = "sonic_webpage";

    /** Checks the components. */
    public SonicWebpage {
      requireNonNull(text, "text");
      requireNonNull(extras, "extras");
    }

    @Override
    public String contentType() {
      return CONTENT_TYPE;
    }

    @Override
    public String toString() {
      return "SonicWebpage[" + text.length() + " chars]";
    }
  }

  /**
   * A {@code content_type} this version does not know, kept verbatim; tools can count these. {@link
   * #text()} makes a best effort: the object's {@code text} string, else its string {@code parts}
   * joined with {@code \n}.
   *
   * @param contentType the content type as written (empty when the content had none)
   * @param json the whole content object, {@code content_type} included
   */
  record Unknown(String contentType, RawJson.JsonObject json) implements Content {
    /** Checks the components. */
    public Unknown {
      requireNonNull(contentType, "contentType");
      requireNonNull(json, "json");
    }

    @Override
    public String text() {
      RawJson text = json.get("text");
      if (text instanceof RawJson.JsonString s) {
        return s.value();
      }
      if (json.get("parts") instanceof RawJson.JsonArray parts) {
        List<String> texts = new ArrayList<>();
        for (RawJson part : parts.elements()) {
          part.asString().ifPresent(texts::add);
        }
        return String.join("\n", texts);
      }
      return "";
    }

    /** Always {@link Extras#NONE}: {@link #json()} holds everything. */
    @Override
    public Extras extras() {
      return Extras.NONE;
    }

    @Override
    public String toString() {
      return "Unknown[" + contentType + ", " + json + "]";
    }
  }
}
