package io.github.chatexport.api;

import static java.util.Objects.requireNonNull;

/**
 * An oddity met while reading that did not stop the read: a graph anomaly, a field of an unexpected
 * type, a duplicate. Warnings never quote the user's content.
 *
 * <p>A content type that the model does not know is not a warning: it is read as {@link
 * Content.Unknown}.
 *
 * @param kind what kind of oddity
 * @param message a human-readable description, without user content
 * @param location where it is
 */
public record Warning(Kind kind, String message, Location location) {

  /** Checks the components. */
  public Warning {
    requireNonNull(kind, "kind");
    requireNonNull(message, "message");
    requireNonNull(location, "location");
  }

  /** The kinds of warning. New kinds may be added in minor versions. */
  public enum Kind {
    /**
     * A known field had a JSON type other than the expected one; it is kept raw in {@link Extras}.
     */
    TYPE_MISMATCH,
    /**
     * A field the model needs was absent (a conversation without {@code mapping}, a message without
     * content).
     */
    MISSING_FIELD,
    /** The same key appeared twice in {@code mapping}; the later node was kept. */
    DUPLICATE_NODE,
    /** A node's {@code id} differs from its key in {@code mapping}; the key is used. */
    NODE_ID_MISMATCH,
    /** A node's {@code parent} is not in the mapping; the node is treated as a root. */
    PARENT_MISSING,
    /** A node's {@code children} lists an id that is not in the mapping. */
    CHILD_MISSING,
    /** A node's {@code children} disagrees with the {@code parent} links; parent links win. */
    CHILDREN_MISMATCH,
    /** The {@code parent} links form a cycle; it was cut at one node, which became a root. */
    CYCLE,
    /** The mapping has more than one root. */
    MULTIPLE_ROOTS,
    /** {@code current_node} is absent or null; the active branch ends at the most recent leaf. */
    CURRENT_NODE_MISSING,
    /**
     * {@code current_node} is not in the mapping; the active branch ends at the most recent leaf.
     */
    CURRENT_NODE_UNKNOWN,
    /** The same conversation id was met again. */
    DUPLICATE_CONVERSATION,
    /** A file of the export was ignored. */
    IGNORED_FILE,
    /**
     * A file that {@code export_manifest.json} lists (a conversation shard, an asset, any file) is
     * not in the export: data the download lost. The message names the file.
     */
    MISSING_FILE,
    /**
     * A file's size differs from the size {@code export_manifest.json} lists for it: a truncated or
     * altered download. The message names the file and both sizes.
     */
    SIZE_MISMATCH,
    /**
     * The export holds no conversation at all (an empty {@code conversations.json} and no {@code
     * chat.html}, as the service has sent to users whose history vanished).
     */
    EMPTY_EXPORT,
    /**
     * The same key appeared twice in one JSON object of a conversation (a message with two {@code
     * author} members, say): the later occurrence was kept, in its place, and the earlier one
     * dropped, as most JSON readers do. The path names the key.
     */
    DUPLICATE_KEY,
    /** Something else about the export's structure. */
    OTHER
  }

  @Override
  public String toString() {
    return kind + ": " + message + " at " + location.describe();
  }
}
