/**
 * Writing the export format back: the writer of the records as the export's JSON, and {@code
 * ExportOutput}, the files of an export being written (the conversations file or its shards, the
 * other files, the manifest that lists them) and the sinks they go to (a stream, a folder, a ZIP).
 * Not API; not exported.
 */
@NullMarked
package io.github.chatexport.core.internal.write;

import org.jspecify.annotations.NullMarked;
