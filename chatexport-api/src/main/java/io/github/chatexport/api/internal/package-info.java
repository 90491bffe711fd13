/**
 * Internals shared with {@code io.github.chatexport.core}; not API, not exported to anyone else.
 */
@NullMarked
package io.github.chatexport.api.internal;

import org.jspecify.annotations.NullMarked;
