package io.github.chatexport.cli;

/** Markdown code fences that the code inside cannot close. */
final class Fences {
  private Fences() {}

  /** A fence of backticks longer than any run of backticks in {@code code}, at least three. */
  static String fence(String code) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < code.length(); i++) {
      run = code.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return "`".repeat(Math.max(3, longest + 1));
  }

  /**
   * {@code code} in a fenced block with an info string of {@code language} (when it is a plain
   * word).
   */
  static String block(String code, @org.jspecify.annotations.Nullable String language) {
    String fence = fence(code);
    String info =
        language == null
                || language.equals("unknown")
                || !language.matches("[A-Za-z0-9_+#.-]{1,40}")
            ? ""
            : language;
    String body = code.endsWith("\n") ? code : code + "\n";
    return fence + info + "\n" + body + fence + "\n";
  }
}
