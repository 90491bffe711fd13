/**
 * The opened export and the opener: sniffing the input, choosing its source, the fallbacks to
 * salvage and to a nested ZIP, and the layout, under {@code ExportReader}. The subpackages each
 * hold one concern. Not API; not exported.
 */
@NullMarked
package io.github.chatexport.core.internal;

import org.jspecify.annotations.NullMarked;
