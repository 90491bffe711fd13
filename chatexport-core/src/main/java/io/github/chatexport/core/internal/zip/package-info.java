/**
 * Hostile-input tools for ZIP archives: a reader that salvages entries from local headers when the
 * central directory is lost ({@code ZipSalvage}, its entries and its damage), the limits of what an
 * entry may inflate to and the guard that applies them ({@code ArchiveLimits#guard}), ZIP names,
 * and the buffered byte source (and block stream) that the ZIP salvage and the chat.html scanner
 * both read through. Not API; not exported.
 */
@NullMarked
package io.github.chatexport.core.internal.zip;

import org.jspecify.annotations.NullMarked;
