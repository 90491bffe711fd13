package io.github.chatexport.archive;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link KilledAddTest}: adds one export to an archive, saying when it
 * starts.
 */
final class AddInChild {
  private AddInChild() {}

  public static void main(String[] args) throws Exception {
    try (ChatArchive archive = ChatArchive.open(Path.of(args[0]))) {
      System.out.println("START");
      System.out.flush();
      archive.add(Path.of(args[1]));
      System.out.println("DONE");
      System.out.flush();
    }
  }
}
