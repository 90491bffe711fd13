package io.github.chatexport.testdata.generator;

/** How the conversations of a generated export are stored. */
public enum Layout {
  /** One {@code conversations.json} holding every conversation (exports up to early 2026). */
  CONVERSATIONS_JSON,
  /**
   * 2026 shards: {@code conversations-000.json}, {@code conversations-001.json}, … of about 100
   * conversations each, listed in order by {@code export_manifest.json}.
   */
  SHARDS
}
