package io.github.chatexport.api;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * Who wrote a message.
 *
 * @param role the role as written: {@code user}, {@code assistant}, {@code system}, {@code tool},
 *     or anything new; empty when the export gave none
 * @param name the tool's name for tool messages ({@code python}, {@code browser}, {@code
 *     dalle.text2im}, {@code web.run}, …), else usually null
 * @param metadata the author's metadata object as written ({@code real_author}, {@code source}, …)
 * @param extras fields of the author object that no component holds
 */
public record Author(
    String role, @Nullable String name, RawJson.JsonObject metadata, Extras extras) {

  /** The role of people. */
  public static final String USER = "user";

  /** The role of the model's answers. */
  public static final String ASSISTANT = "assistant";

  /** The role of system and context messages. */
  public static final String SYSTEM = "system";

  /** The role of tool output. */
  public static final String TOOL = "tool";

  /** Checks the components. */
  public Author {
    requireNonNull(role, "role");
    requireNonNull(metadata, "metadata");
    requireNonNull(extras, "extras");
  }

  /** An author with the given role, no name and no metadata. */
  public static Author of(String role) {
    return new Author(role, null, RawJson.JsonObject.EMPTY, Extras.NONE);
  }

  /** Whether the role is {@code user}. */
  public boolean isUser() {
    return USER.equals(role);
  }

  /** Whether the role is {@code assistant}. */
  public boolean isAssistant() {
    return ASSISTANT.equals(role);
  }

  /** Returns a copy with another role. */
  public Author withRole(String role) {
    return new Author(role, name, metadata, extras.typed("role"));
  }

  /** Returns a copy with another name. */
  public Author withName(@Nullable String name) {
    return new Author(role, name, metadata, extras.typed("name"));
  }

  @Override
  public String toString() {
    return "Author[role=" + role + ", name=" + name + "]";
  }
}
