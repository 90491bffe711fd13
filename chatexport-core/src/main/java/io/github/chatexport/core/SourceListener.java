package io.github.chatexport.core;

import io.github.chatexport.api.Conversation;

/**
 * Hears, for each conversation of a pass, the SHA-256 of the bytes it was read from: for tools that
 * keep what they read and want to know, without writing a conversation back to JSON, whether they
 * have met those very bytes before (an archive adding its next export, a sync that skips what did
 * not change). Equal digests mean equal bytes, and so equal conversations; different bytes may
 * still hold the same conversation (another key order or spacing).
 *
 * <p>Calls come from the thread that consumes the pass, just before the conversation is delivered.
 * Not told: the conversations of a {@code chat.html} (its strings are HTML-escaped, not the
 * conversations' JSON), of a file that holds one conversation object rather than an array, one
 * whose JSON object exceeds 64 MiB, or one that the pass changed after reading it (a conversation
 * whose id was already delivered); and none from a file that is not UTF-8.
 *
 * @see ExportReader#conversations(ProgressListener, SourceListener)
 */
@FunctionalInterface
public interface SourceListener {
  /**
   * Called before {@code conversation} is delivered.
   *
   * @param conversation the conversation about to be delivered
   * @param file the conversation file it was read from, as {@link ExportLayout#conversationFiles()}
   *     names it
   * @param sha256 the SHA-256 (32 bytes, the caller's to keep) of the bytes of its JSON object in
   *     that file, from its <code>{</code> to its <code>}</code>, exactly as stored (uncompressed)
   */
  void read(Conversation conversation, String file, byte[] sha256);
}
