/** The reader's settings, one immutable record that every layer reads. Not API; not exported. */
@NullMarked
package io.github.chatexport.core.internal.config;

import org.jspecify.annotations.NullMarked;
