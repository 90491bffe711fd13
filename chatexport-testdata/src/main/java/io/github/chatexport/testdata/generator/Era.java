package io.github.chatexport.testdata.generator;

/**
 * Which period of ChatGPT exports generated conversations are shaped like. The shape follows the
 * export format's history: key order, root node, number formats and the content types of the time.
 */
public enum Era {
  /**
   * 2023: keys in insertion order, a random root id, {@code children} lists, {@code weight: 1.0},
   * code interpreter ({@code code} → {@code execution_output} with {@code aggregate_result}),
   * browsing ({@code tether_browsing_display}, {@code tether_quote}, {@code citations}), DALL·E
   * images; the earliest conversations have no {@code conversation_id}, {@code status} or {@code
   * channel}.
   */
  Y2023,
  /**
   * 2024: adds voice parts, uploads with {@code sediment://} pointers and {@code
   * user_editable_context}.
   */
  Y2024,
  /**
   * 2025: {@code client-created-root}, reasoning ({@code thoughts}, {@code reasoning_recap}), web
   * search ({@code sonic_webpage}, {@code content_references} and {@code search_result_groups} in
   * the metadata, citation markers U+E200/U+E202/U+E201 in the text).
   */
  Y2025,
  /**
   * 2026: as 2025, but every object's keys sorted alphabetically, no {@code children}, integer
   * {@code weight}, and {@code status}/{@code weight} missing on some tool and system messages.
   */
  Y2026,
  /**
   * Each conversation shaped like one of the four years (15% 2023, 25% 2024, 35% 2025, 25% 2026):
   * every code path of a reader in one file. No single real export mixes key orders like this; it
   * is a test load.
   */
  MIXED;

  private static final int[] MIXED_WEIGHTS = {15, 25, 35, 25};

  /** The year of one conversation. */
  @SuppressWarnings("EnumOrdinal") // the constants are the years 2023 to 2026, in order
  int year(Rng r) {
    return this == MIXED ? 2023 + r.weighted(MIXED_WEIGHTS) : 2023 + ordinal();
  }
}
