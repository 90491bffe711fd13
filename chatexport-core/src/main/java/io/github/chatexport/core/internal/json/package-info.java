/**
 * The JSON layer over jackson-core: the factory and its limits, JSON paths, token marks, the reader
 * of raw JSON, timestamps, and the diagnostics (warnings and errors with their exact locations).
 * Not API; not exported.
 */
@NullMarked
package io.github.chatexport.core.internal.json;

import org.jspecify.annotations.NullMarked;
