/**
 * Full-text search over the {@code search_*} tables of an archive or an index file; not API (this
 * package is not exported).
 */
@NullMarked
package io.github.chatexport.archive.internal.search;

import org.jspecify.annotations.NullMarked;
