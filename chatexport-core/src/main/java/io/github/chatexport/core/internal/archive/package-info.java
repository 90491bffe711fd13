/**
 * Hostile-input tools for the raw export: a ZIP reader that salvages entries from local headers when the central
 * directory is lost, a guard against ZIP bombs, a MIME sniffer for asset bytes, safe file names from untrusted
 * titles, and a streaming scanner of {@code chat.html}. Not API; not exported.
 */
@NullMarked
package io.github.chatexport.core.internal.archive;

import org.jspecify.annotations.NullMarked;
