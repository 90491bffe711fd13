/** The archive's storage: schema, content-addressed JSON pieces and blobs, merging. Not API. */
@NullMarked
package io.github.chatexport.archive.internal;

import org.jspecify.annotations.NullMarked;
