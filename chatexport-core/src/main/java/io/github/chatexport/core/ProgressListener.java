package io.github.chatexport.core;

/**
 * Hears how far a pass over the conversations has come: called after each conversation, and once at
 * the end. Calls come from the thread that consumes the pass; keep them short.
 */
@FunctionalInterface
public interface ProgressListener {
  /**
   * Called as conversations are delivered.
   *
   * @param conversations the conversations delivered so far
   * @param bytesRead the bytes of conversation files read so far (uncompressed; the parser reads
   *     ahead a little)
   * @param totalBytes the bytes of all conversation files, or -1 when unknown (a stream)
   */
  void progress(long conversations, long bytesRead, long totalBytes);
}
