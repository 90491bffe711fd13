package io.github.chatexport.core.internal.parallel;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Warning;
import io.github.chatexport.core.ChatExportException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A run of whole conversations of one file, parsed, or the damage that ended the file. */
final class Batch {
  final String file;
  final List<Conversation> conversations = new ArrayList<>();
  final List<Warning> exportWarnings = new ArrayList<>();

  /**
   * For each export warning, how many of this batch's conversations came before it: the consumer
   * notes it when it hands out that many, as a serial pass meets it (a caller that asks for
   * warnings between conversations sees them in the same order).
   */
  final List<Integer> exportWarningsAfter = new ArrayList<>();

  @Nullable ChatExportException error;

  /**
   * The file is not a plain array (a wrapped {"conversations": [...]}): the consumer reads it
   * serially.
   */
  boolean serial;

  long bytesEnd;

  /** The bytes parsed, or null for what the cutter reports itself; kept until taken, for a join. */
  @Nullable Piece piece;

  /** Elements of the array parsed (conversations and skipped values). */
  int elements;

  /** The parse failed at the piece's end: it was cut inside a conversation. */
  boolean cutInside;

  Batch(String file) {
    this.file = file;
  }
}
