/**
 * Hostile-input tools for ZIP archives: a reader that salvages entries from local headers when the
 * central directory is lost, a guard against ZIP bombs and its limits, entry names, the damage
 * exceptions (of the chat.html scanner too, to keep them one sealed family), and the buffered byte
 * source both scanners read through. Not API; not exported.
 */
@NullMarked
package io.github.chatexport.core.internal.zip;

import org.jspecify.annotations.NullMarked;
