package io.github.chatexport.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A node of a conversation's {@code mapping}: one message (or none) and its place in the tree.
 *
 * @param id the node id: its key in {@code mapping}
 * @param message the message, or null (the root usually has none)
 * @param parentId the parent node id, or null for a root
 * @param childIds the child node ids as the export lists them (empty when the node has no {@code
 *     children} field, as in 2026 exports; {@link Conversation#children(String)} gives the
 *     reconciled children)
 * @param extras fields of the node object that no component holds
 */
public record MessageNode(
    String id,
    @Nullable Message message,
    @Nullable String parentId,
    List<String> childIds,
    Extras extras) {

  /** Checks and copies the components. */
  public MessageNode {
    requireNonNull(id, "id");
    childIds = List.copyOf(childIds);
    requireNonNull(extras, "extras");
  }

  /** A node with the given id, message and parent, and no listed children. */
  public static MessageNode of(String id, @Nullable Message message, @Nullable String parentId) {
    return new MessageNode(id, message, parentId, List.of(), Extras.NONE);
  }

  /** Returns a copy with another message. */
  public MessageNode withMessage(@Nullable Message message) {
    return new MessageNode(id, message, parentId, childIds, extras.typed("message"));
  }

  /** Returns a copy with another parent. */
  public MessageNode withParentId(@Nullable String parentId) {
    return new MessageNode(id, message, parentId, childIds, extras.typed("parent"));
  }

  /** Returns a copy with other listed children. */
  public MessageNode withChildIds(List<String> childIds) {
    return new MessageNode(id, message, parentId, childIds, extras.typed("children"));
  }

  @Override
  public String toString() {
    return "MessageNode["
        + id
        + ", parent="
        + parentId
        + ", "
        + childIds.size()
        + " children, "
        + (message == null ? "no message" : message.toString())
        + "]";
  }
}
