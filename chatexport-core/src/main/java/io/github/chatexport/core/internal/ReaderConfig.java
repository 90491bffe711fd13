package io.github.chatexport.core.internal;

/**
 * The reader's settings; immutable.
 *
 * @param strict whether every warning is an error
 * @param maxStringLength the longest string accepted, in chars
 * @param maxNestingDepth the deepest nesting of arrays and objects accepted
 * @param maxNumberLength the longest number accepted, in chars
 * @param maxNodesPerConversation the most nodes accepted in one conversation's mapping
 */
public record ReaderConfig(
    boolean strict, int maxStringLength, int maxNestingDepth, int maxNumberLength, int maxNodesPerConversation) {

  /** The defaults: lenient; strings up to 256 Mi chars, nesting 1,000 deep, numbers of 1,000 chars, 2 M nodes. */
  public static final ReaderConfig DEFAULTS = new ReaderConfig(false, 256 * 1024 * 1024, 1000, 1000, 2_000_000);
}
