/**
 * Writing the export format back: the writer of the records as the export's JSON. Not API; not
 * exported.
 */
@NullMarked
package io.github.chatexport.core.internal.write;

import org.jspecify.annotations.NullMarked;
