/**
 * Immutable records for the ChatGPT export format.
 *
 * <p>Records are built by the reader in {@code io.github.chatexport.core}; tools that change an
 * export build new records with the {@code of(…)} factories and {@code with…} methods, which stay
 * source- and binary-compatible as components are added. The canonical constructors may gain
 * components in minor versions.
 */
@NullMarked
package io.github.chatexport.api;

import org.jspecify.annotations.NullMarked;
