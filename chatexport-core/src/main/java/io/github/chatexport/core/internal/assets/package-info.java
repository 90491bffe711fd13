/**
 * The assets of an export: the index of its asset files and the pointers messages make to them, and
 * a MIME sniffer for their first bytes. Not API; not exported.
 */
@NullMarked
package io.github.chatexport.core.internal.assets;

import org.jspecify.annotations.NullMarked;
