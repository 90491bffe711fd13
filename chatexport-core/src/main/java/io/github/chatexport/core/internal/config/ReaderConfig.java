package io.github.chatexport.core.internal.config;

import io.github.chatexport.core.internal.zip.ArchiveLimits;

/**
 * The reader's settings; immutable.
 *
 * @param strict whether every warning is an error
 * @param maxStringLength the longest string accepted, in chars
 * @param maxNestingDepth the deepest nesting of arrays and objects accepted
 * @param maxNumberLength the longest number accepted, in chars
 * @param maxNodesPerConversation the most nodes accepted in one conversation's mapping
 * @param archive the bounds on what one ZIP entry may inflate to
 * @param parallelism how many threads parse conversations (1: the caller's thread only)
 */
public record ReaderConfig(
    boolean strict,
    int maxStringLength,
    int maxNestingDepth,
    int maxNumberLength,
    int maxNodesPerConversation,
    ArchiveLimits archive,
    int parallelism) {

  /**
   * The defaults: lenient; strings up to 256 Mi chars, nesting 1,000 deep, numbers of 1,000 chars,
   * 2 M nodes, and {@link ArchiveLimits#DEFAULTS} for ZIP entries.
   */
  public static final ReaderConfig DEFAULTS =
      new ReaderConfig(false, 256 * 1024 * 1024, 1000, 1000, 2_000_000, ArchiveLimits.DEFAULTS, 1);

  /** A copy with other settings, changed through {@code change}. */
  public ReaderConfig with(java.util.function.UnaryOperator<Builder> change) {
    return change.apply(new Builder(this)).build();
  }

  /** A mutable copy, for {@link #with}. */
  public static final class Builder {
    /** Whether every warning is an error. */
    public boolean strict;

    /** See {@link ReaderConfig#maxStringLength()}. */
    public int maxStringLength;

    /** See {@link ReaderConfig#maxNestingDepth()}. */
    public int maxNestingDepth;

    /** See {@link ReaderConfig#maxNumberLength()}. */
    public int maxNumberLength;

    /** See {@link ReaderConfig#maxNodesPerConversation()}. */
    public int maxNodesPerConversation;

    /** See {@link ReaderConfig#archive()}. */
    public ArchiveLimits archive;

    /** See {@link ReaderConfig#parallelism()}. */
    public int parallelism;

    Builder(ReaderConfig c) {
      strict = c.strict();
      maxStringLength = c.maxStringLength();
      maxNestingDepth = c.maxNestingDepth();
      maxNumberLength = c.maxNumberLength();
      maxNodesPerConversation = c.maxNodesPerConversation();
      archive = c.archive();
      parallelism = c.parallelism();
    }

    ReaderConfig build() {
      return new ReaderConfig(
          strict,
          maxStringLength,
          maxNestingDepth,
          maxNumberLength,
          maxNodesPerConversation,
          archive,
          parallelism);
    }
  }
}
