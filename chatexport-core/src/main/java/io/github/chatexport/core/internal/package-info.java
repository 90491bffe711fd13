/** The reader's internals: sources, the JSON parser of conversations, limits. Not API; not exported. */
@NullMarked
package io.github.chatexport.core.internal;

import org.jspecify.annotations.NullMarked;
