/** A modular application over chatexport. */
@NullMarked
package io.github.chatexport.jpmstest;

import org.jspecify.annotations.NullMarked;
