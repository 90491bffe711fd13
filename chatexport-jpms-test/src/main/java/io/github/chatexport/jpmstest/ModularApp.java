package io.github.chatexport.jpmstest;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.core.ExportReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A modular application that reads an export through the public API only. */
public final class ModularApp {
  private ModularApp() {}

  /** The titles of the conversations in the export at {@code path}. */
  public static List<String> titles(Path path) throws IOException {
    try (ExportReader export = ExportReader.open(path);
        Stream<Conversation> conversations = export.conversations()) {
      return conversations.map(c -> c.title() == null ? "" : c.title()).toList();
    }
  }

  /** Prints the titles of the export named by the first argument. */
  public static void main(String[] args) throws IOException {
    titles(Path.of(args[0])).forEach(System.out::println);
  }
}
