package io.github.chatexport.cli;

/** Asset pointers. */
final class Pointers {
  private Pointers() {}

  /**
   * The id a pointer names: the text after {@code ://} ({@code sediment://file_1} → {@code
   * file_1}), or all.
   */
  static String id(String pointer) {
    int i = pointer.indexOf("://");
    return i < 0 ? pointer : pointer.substring(i + 3);
  }
}
