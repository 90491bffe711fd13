/**
 * The JSON layer over jackson-core: the factory and its limits ({@code Json}), JSON paths, the
 * reader of raw JSON, timestamps (parsing and formatting), and the diagnostics ({@code Problems}:
 * warnings and errors with their exact locations). The parser's own bookkeeping (token marks, lazy
 * paths) is {@code internal.parse}'s. Not API; not exported.
 */
@NullMarked
package io.github.chatexport.core.internal.json;

import org.jspecify.annotations.NullMarked;
